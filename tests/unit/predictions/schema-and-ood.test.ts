/** The schema check and the out-of-distribution rule on hand-made numbers. */
import { describe, expect, it } from 'vitest';
import { isPipelineError } from '../../../pipelines/errors';
import { OOD_Z, oodFlags } from '../../../pipelines/flows/predict/ood';
import { featureVector, spaceOf } from '../../../pipelines/flows/predict/schema-check';

function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isPipelineError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

const stats = (name: string, mean: number, std: number, min: number, max: number) => ({ name, mean, std, min, max, quantiles: { '0.05': min, '0.95': max } });

describe('the feature schema', () => {
  it("gives the model's features in its order, whatever order the recording's come in", () => {
    const v = featureVector('r', [['power_O1_Alpha', 0.3], ['power_C3_Theta', 0.1], ['power_FP1_Delta', 0.5]], ['FP1', 'C3', 'O1'], ['power_FP1_Delta', 'power_O1_Alpha']);
    expect(Array.from(v)).toEqual([0.5, 0.3]);
  });

  it('names the missing channels, both ends of a pair, and the features that need them', () => {
    expect(spaceOf('coherence_C3-O2_Alpha')).toBe('C3-O2');
    const e = refusal(() => featureVector('sub-01', [['power_C3_Alpha', 0.2]], ['C3'], ['power_C3_Alpha', 'power_O2_Alpha', 'coherence_C3-O2_Alpha', 'coherence_FP1-O2_Beta']));
    expect(e.code).toBe('FEATURE_SCHEMA_MISMATCH');
    expect(e.message).toBe(
      'sub-01: channels O2, FP1 missing; the model needs them for 3 of its features (power_O2_Alpha, coherence_C3-O2_Alpha, coherence_FP1-O2_Beta). ' +
        'Nothing was filled in: record with the channels the model was trained on, or use a model trained without them.',
    );
  });

  it('refuses a feature without a finite value rather than passing it on', () => {
    const e = refusal(() => featureVector('sub-02', [['power_O1_Alpha', Number.NaN]], ['O1'], ['power_O1_Alpha']));
    expect(e.code).toBe('NON_FINITE_FEATURE');
    expect(e.message).toContain('power_O1_Alpha');
  });
});

describe('out-of-distribution flags', () => {
  const training = [stats('a', 0.5, 0.1, 0.3, 0.7), stats('b', 0.2, 0.01, 0.18, 0.22), stats('flat', 1, 0, 1, 1)];

  it(`flags a value beyond the training range and more than ${OOD_Z} std from the mean, naming the features most extreme first`, () => {
    const [flag] = oodFlags(['a', 'b', 'flat'], [1.0, 0.4, 3], training);
    expect(flag!.features.map((f) => [f.name, f.z])).toEqual([
      ['b', expect.closeTo(20, 9)],
      ['a', expect.closeTo(5, 9)],
    ]);
    expect(flag!.message).toMatch(/^Outside the training data: b \(z = 20\.0\), a \(z = 5\.0\) lie beyond/);
  });

  it('does not flag a value far from the mean inside the training range, nor a feature that never varied', () => {
    const wide = [stats('a', 0.5, 0.01, 0, 1)];
    expect(oodFlags(['a'], [0.95], wide)).toEqual([]);
    expect(oodFlags(['flat'], [5], training)).toEqual([]);
  });
});
