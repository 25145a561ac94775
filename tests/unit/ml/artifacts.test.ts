/**
 * ROC curves, permutation importance and the artifact builders. The ROC points
 * equal scikit-learn 1.2's roc_curve (drop_intermediate, first threshold max+1),
 * and their area equals roc_auc_score; permutation importance equals
 * permutation_importance (accuracy, 5 repeats, random_state 0) on the same
 * logistic regression (up to a row on the decision boundary). The JSON artifacts carry what the charts need and the SVGs
 * draw one mark per cell, curve or bar, with names escaped.
 */
import { describe, expect, it } from 'vitest';
import {
  accuracy, areaUnder, argmaxRows, fitLogisticRegression, fitStandardScaler, permutationImportance, predictProbaLogistic, rocAuc, rocCurve, transformStandard,
} from '../../../pipelines/ml';
import { confusionMatrixArtifact, confusionMatrixSvg, importanceArtifact, importanceSvg, rocArtifact, rocSvg } from '../../../pipelines/ml/artifacts';
import { loadTable, reference, trainingReference } from './fixtures';

const count = (svg: string, tag: string): number => (svg.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;

describe('ROC curve', () => {
  for (const ref of trainingReference.roc) {
    it(`${ref.case}, class ${ref.positive} against the rest: roc_curve's points`, () => {
      const m = reference.metrics.find((c) => c.name === ref.case)!;
      const curve = rocCurve(m.yTrue.map((v) => v === ref.positive), m.proba.map((row) => row[ref.positive]!));
      expect(curve.fpr).toEqual(ref.fpr.map((v) => expect.closeTo(v, 12)));
      expect(curve.tpr).toEqual(ref.tpr.map((v) => expect.closeTo(v, 12)));
      expect(curve.thresholds).toEqual(ref.thresholds.map((v) => expect.closeTo(v, 12)));
    });
  }

  it('the artifact: one curve for two classes, one per class for more, with AUCs equal to roc_auc_score', () => {
    for (const m of reference.metrics) {
      const K = m.proba[0]!.length;
      const classes = Array.from({ length: K }, (_, k) => `c${k}`);
      const artifact = rocArtifact(m.yTrue, Float64Array.from(m.proba.flat()), classes);
      expect(artifact.curves).toHaveLength(K === 2 ? 1 : K);
      const meanAuc = artifact.curves.reduce((a, c) => a + c.auc, 0) / artifact.curves.length;
      expect(meanAuc).toBeCloseTo(m.rocAuc, 12);
      expect(meanAuc).toBeCloseTo(rocAuc(m.yTrue, Float64Array.from(m.proba.flat()), K), 12);
      const svg = rocSvg(artifact);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(count(svg, 'polyline')).toBe(artifact.curves.length);
    }
    expect(areaUnder([0, 1], [0, 1])).toBe(0.5);
  });
});

describe('permutation importance', () => {
  it('equals permutation_importance on the same logistic regression', () => {
    const ref = trainingReference.permutation;
    const t = loadTable(ref.table);
    const scaler = fitStandardScaler(t.x);
    const z = transformStandard(scaler, t.x);
    const model = fitLogisticRegression(z, t.y, { C: ref.C });
    const seen: number[] = [];
    const result = permutationImportance(z, (x) => accuracy(t.y, argmaxRows(predictProbaLogistic(model, x), 3)), {
      nRepeats: ref.nRepeats,
      seed: ref.seed,
      onFeature: (done) => seen.push(done),
    });
    // Same shuffles; the models' coefficients agree to 1e-3, so a row on the decision
    // boundary may fall the other way: each drop within one row (1/n) of scikit-learn's,
    // nearly all of them equal.
    const flat = result.drops.flat();
    const refFlat = ref.drops.flat();
    const oneRow = 1 / t.x.rows + 1e-12;
    flat.forEach((v, i) => expect(Math.abs(v - refFlat[i]!)).toBeLessThanOrEqual(oneRow));
    expect(flat.filter((v, i) => Math.abs(v - refFlat[i]!) < 1e-12).length).toBeGreaterThanOrEqual(0.9 * flat.length);
    result.mean.forEach((v, f) => expect(Math.abs(v - ref.mean[f]!)).toBeLessThanOrEqual(oneRow));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('artifact builders', () => {
  it('confusion matrix: counts, row-normalized, and an SVG cell per count', () => {
    const a = confusionMatrixArtifact([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], ['HC', 'MCI', 'A&B']);
    expect(a.counts).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 0]]);
    expect(a.normalized[0]).toEqual([0.5, 0.5, 0]);
    const svg = confusionMatrixSvg(a);
    expect(count(svg, 'rect')).toBe(1 + 9);
    expect(svg).toContain('A&amp;B');
    expect(svg).not.toContain('A&B');
  });

  it('importances: sorted, with std for permutation, the top N drawn as bars', () => {
    const a = importanceArtifact('permutation_importance', ['a', 'b', 'c'], [0.1, 0.3, 0.2], [0.01, 0.02, 0]);
    expect(a.features.map((f) => f.name)).toEqual(['b', 'c', 'a']);
    expect(a.features[0]).toEqual({ name: 'b', importance: 0.3, std: 0.02 });
    const svg = importanceSvg(a, 2);
    expect(count(svg, 'rect')).toBe(1 + 2);
    expect(count(svg, 'line')).toBe(1);
    expect(() => importanceArtifact('impurity_importance', ['a'], [1, 2])).toThrow(/1 feature names but 2 importances/);
  });
});
