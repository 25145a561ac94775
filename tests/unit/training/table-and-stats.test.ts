/** The feature-table load stage's CSV reading, the split and filter of ml.prepare, and the training statistics (against numpy). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../pipelines/features/read-csv';
import { featureStats } from '../../../pipelines/flows/training/feature-stats';
import { prepareArgs, prepareDataset, type PrepareArgs } from '../../../pipelines/flows/training/prepare-stage';
import { harmonizeDataset } from '../../../pipelines/flows/harmonize/stages';
import { stratifiedTrainTestSplit } from '../../../pipelines/ml/prep';
import { datasetFromCsv } from '../../../pipelines/flows/training/table-csv';

const fixtures = join(__dirname, '../../fixtures');

describe('feature tables from CSV', () => {
  it('reads quoted cells, doubled quotes, CRLF and a byte-order mark', () => {
    const csv = parseCsv('\uFEFFa,"b, quoted","c ""x"""\r\n1,"2\n3",4\r\n', 'test.csv');
    expect(csv.header).toEqual(['a', 'b, quoted', 'c "x"']);
    expect(csv.rows).toEqual([['1', '2\n3', '4']]);
    expect(() => parseCsv('a,b\n1\n', 'short.csv')).toThrow(/short.csv, line 2: 1 cells where the header has 2/);
  });

  it('keeps key and quality columns out of the features and refuses a non-numeric feature cell', () => {
    const text = 'participant_id,group,site,age,power_O1_Alpha-1,power_O1_Beta1,epochs_kept\nsub-01,HC,A,60,0.3,0.1,12\nsub-02,MCI,B,70,0.2,0.15,11\nsub-03,,B,71,0.25,0.12,12\n';
    const data = datasetFromCsv(text, 'table.csv', 'group');
    expect(data.featureNames).toEqual(['power_O1_Alpha-1', 'power_O1_Beta1']);
    expect(data.y).toEqual(['HC', 'MCI']); // the unlabelled row is left out
    expect(data.ids).toEqual(['sub-01', 'sub-02']);
    expect(data.keys).toEqual({ participant_id: ['sub-01', 'sub-02'], site: ['A', 'B'], age: [60, 70], epochs_kept: [12, 11] });
    expect(() => datasetFromCsv(text.replace('0.1,12', 'n/a,12'), 'table.csv', 'group')).toThrow(/row 1: column "power_O1_Beta1" is "n\/a", not a number/);
    expect(() => datasetFromCsv(text, 'table.csv', 'diagnosis')).toThrow(/no column "diagnosis"/);
  });
});

describe('ml.prepare', () => {
  // 20 subjects with two recordings each, two classes, two sites; column a_twice is 2a + 1.
  const rows = Array.from({ length: 40 }, (_, i) => ({ id: `sub-${Math.floor(i / 2)}`, y: Math.floor(i / 2) % 2 ? 'B' : 'A', x: [i % 7, 2 * (i % 7) + 1, (i * 7) % 5 + (i % 3)] }));
  const data = {
    featureNames: ['a', 'a_twice', 'c'],
    X: rows.map((r) => r.x),
    y: rows.map((r) => r.y),
    ids: rows.map((r) => r.id),
    keys: { site: rows.map((_, i) => (Math.floor(i / 4) % 2 ? 's1' : 's2')), age: rows.map((_, i) => 60 + (i % 9)), sex: rows.map((_, i) => (i % 3 ? 'F' : 'M')) },
  };
  const args = (over: Partial<PrepareArgs> = {}) => prepareArgs.parse({ seed: 3, harmonize: 'none', ...over });

  it('keeps both recordings of a subject on one side, stratified by label, and drops the later of two correlated features', () => {
    const prepared = prepareDataset(data, args());
    const train = new Set(prepared.ids);
    expect(prepared.test.ids.some((id) => train.has(id))).toBe(false);
    expect(prepared.test.ids).toHaveLength(8); // 2 of each class's 10 subjects, 2 recordings each
    expect(prepared.test.y.filter((y) => y === 'A')).toHaveLength(4);
    expect(prepared.featureNames).toEqual(['a', 'c']);
    expect(prepared.droppedFeatures).toEqual([{ feature: 'a_twice', correlatedWith: 'a', r: expect.closeTo(1, 12) }]);
    expect(prepared.test.X[0]).toHaveLength(2);
    expect(prepared.harmonization).toBeNull();
    expect(prepareDataset(data, args())).toEqual(prepared);
  });

  it('harmonizes across sites with ComBat fitted on the train part and applied to the test part', () => {
    const plain = prepareDataset(data, args({ correlationThreshold: null }));
    const harmonized = prepareDataset(data, args({ correlationThreshold: null, harmonize: 'auto' }));
    expect(harmonized.ids).toEqual(plain.ids);
    const params = harmonized.harmonization as { sites: string[] };
    expect(params.sites).toEqual(['s1', 's2']);
    expect(harmonized.X).not.toEqual(plain.X);
    // The train rows are ComBat fitted on them; the test rows are those parameters applied, not a refit.
    const split = stratifiedTrainTestSplit(Int32Array.from(data.y, (y) => (y === 'A' ? 0 : 1)), { testSize: 0.2, seed: 3, groups: data.ids });
    const sub = (rows: number[]) => ({
      featureNames: data.featureNames,
      X: rows.map((r) => data.X[r]!),
      y: rows.map((r) => data.y[r]!),
      keys: Object.fromEntries(Object.entries(data.keys).map(([k, v]) => [k, rows.map((r) => v[r]!)])),
    });
    const fit = harmonizeDataset(sub(split.train), null);
    expect(harmonized.X).toEqual(fit.dataset.X);
    expect(harmonized.test.X).toEqual(harmonizeDataset(sub(split.test), fit.dataset.harmonization).dataset.X);
    expect(harmonized.test.X).not.toEqual(harmonizeDataset(sub(split.test), null).dataset.X);
  });

  it('refuses a single class, or a class with one subject, with the reason', () => {
    expect(() => prepareDataset({ ...data, y: data.y.map(() => 'A') }, args())).toThrow(/at least two classes/);
    const lonely = data.y.map((y, i) => (i < 2 ? 'C' : y));
    expect(() => prepareDataset({ ...data, y: lonely }, args())).toThrow(/Class "C" has 1 subject/);
  });
});

describe('training feature statistics', () => {
  it('equal numpy (mean, population std, min, max, linear quantiles)', () => {
    const text = readFileSync(join(fixtures, 'ml', 'multiclass.csv'), 'utf8');
    const data = datasetFromCsv(text, 'multiclass.csv', 'label');
    const reference = JSON.parse(readFileSync(join(fixtures, 'training', 'feature-stats.json'), 'utf8')) as { features: ReturnType<typeof featureStats> };
    const ours = featureStats(data.featureNames, data.X);
    expect(ours.map((s) => s.name)).toEqual(reference.features.map((s) => s.name));
    ours.forEach((s, i) => {
      const ref = reference.features[i]!;
      for (const key of ['mean', 'std', 'min', 'max'] as const) expect(s[key]).toBeCloseTo(ref[key], 12);
      for (const [q, v] of Object.entries(ref.quantiles)) expect(s.quantiles[q]).toBeCloseTo(v, 12);
    });
  });
});
