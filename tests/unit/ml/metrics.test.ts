/**
 * Every metric against scikit-learn 1.2 on fixed labels, predictions and
 * probabilities (scripts/fixtures/make-ml-fixtures.py): a binary case whose
 * scores have ties, and a 3-class case where one class is never predicted.
 */
import { describe, expect, it } from 'vitest';
import { binaryRocAuc, classificationMetrics } from '../../../pipelines/ml';
import { reference } from './fixtures';

describe('metrics against sklearn.metrics', () => {
  for (const ref of reference.metrics) {
    it(ref.name, () => {
      const K = ref.proba[0]!.length;
      const m = classificationMetrics(ref.yTrue, ref.yPred, Float64Array.from(ref.proba.flat()), K);
      expect(m.accuracy).toBeCloseTo(ref.accuracy, 14);
      expect(m.balancedAccuracy).toBeCloseTo(ref.balancedAccuracy, 14);
      ref.precision.forEach((v, k) => expect(m.precision[k]).toBeCloseTo(v, 14));
      ref.recall.forEach((v, k) => expect(m.recall[k]).toBeCloseTo(v, 14));
      ref.f1.forEach((v, k) => expect(m.f1[k]).toBeCloseTo(v, 14));
      expect(m.macroPrecision).toBeCloseTo(ref.macroPrecision, 14);
      expect(m.macroRecall).toBeCloseTo(ref.macroRecall, 14);
      expect(m.macroF1).toBeCloseTo(ref.macroF1, 14);
      expect(m.rocAuc).toBeCloseTo(ref.rocAuc, 14);
      expect(m.logLoss).toBeCloseTo(ref.logLoss, 12);
      expect(m.confusion).toEqual(ref.confusion);
    });
  }

  it('refuses ROC AUC with a single class and mismatched lengths', () => {
    expect(() => binaryRocAuc([1, 1], [0.2, 0.3])).toThrow(/both positive and negative/);
    expect(() => binaryRocAuc([1, 0], [0.2])).toThrow(/2 true labels but 1 scores/);
  });
});
