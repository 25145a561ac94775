/**
 * Gradient boosting against scikit-learn 1.2's GradientBoostingClassifier.
 * The seed drives the same generators as scikit-learn's random_state (numpy's
 * MT19937 for tree seeds and subsamples, the trees' xorshift for the feature
 * order) and nodes sort as scikit-learn sorts, so the trees are compared stage
 * by stage, node by node: split feature, threshold (1e-12), weighted samples and
 * leaf values (1e-9). Two different splits can still score exactly the same
 * (features that order the rows alike, e.g. radius and area in breast cancer),
 * and which one wins then depends on the last bit of a sum. So where the trees
 * first differ, the test requires that node to be such a tie: on the rows that
 * reach it, with the residuals of that stage, scikit-learn's split scores the
 * same as ours (relative 1e-9); the fit is not compared beyond it. A fit with
 * no tie must give every row's probabilities (1e-9) and the importances.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../../pipelines/ml';
import {
  fitGradientBoosting, predictProbaGradientBoosting, rawScoresGradientBoosting, subsampleMask, type GradientBoostingOptions,
} from '../../../pipelines/ml/gradient-boosting';
import type { RegressionTreeModel } from '../../../pipelines/ml/regression-tree';
import { NumpyRandomState, RAND_R_MAX } from '../../../pipelines/ml/sklearn-random';
import { loadTable, trainingReference, type GbtParams, type TrainingReference } from './fixtures';

type RefTree = TrainingReference['gbt'][number]['stages'][number][number];

function options(p: GbtParams): GradientBoostingOptions {
  return {
    nEstimators: p.n_estimators,
    learningRate: p.learning_rate,
    maxDepth: p.max_depth,
    minSamplesLeaf: p.min_samples_leaf,
    minSamplesSplit: p.min_samples_split,
    subsample: p.subsample,
    seed: p.random_state,
  };
}

/** The first node (depth-first, both trees walked together) where the trees differ, or null. */
function firstDifference(ours: RegressionTreeModel, ref: RefTree): { ours: number; theirs: number } | null {
  const walk = (a: number, b: number): { ours: number; theirs: number } | null => {
    expect(ours.weightedSamples[a]).toBeCloseTo(ref.weightedSamples[b]!, 9);
    const leaf = ref.feature[b]! < 0;
    if (leaf !== ours.feature[a]! < 0) return { ours: a, theirs: b };
    if (leaf) {
      expect(Math.abs(ours.value[a]! - ref.value[b]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.value[b]!)));
      return null;
    }
    if (ours.feature[a] !== ref.feature[b] || Math.abs(ours.threshold[a]! - ref.threshold[b]!) > 1e-12 * Math.max(1, Math.abs(ref.threshold[b]!))) {
      return { ours: a, theirs: b };
    }
    return walk(ours.left[a]!, refChild(ref, b, 'left')) ?? walk(ours.right[a]!, refChild(ref, b, 'right'));
  };
  return walk(0, 0);
}

/** scikit-learn numbers nodes depth-first, left first: the left child is b + 1; the right follows the left subtree. */
function refChild(ref: RefTree, b: number, side: 'left' | 'right'): number {
  if (side === 'left') return b + 1;
  let n = b + 1;
  let open = 1;
  while (open > 0) {
    open += ref.feature[n]! >= 0 ? 1 : -1;
    n++;
  }
  return n;
}

/** Friedman's improvement proxy of splitting `rows` at (feature, threshold), on float32 features. */
function friedmanProxy(x: FeatureMatrix, rows: number[], residual: Float64Array, feature: number, threshold: number): number {
  let wl = 0;
  let sl = 0;
  let wr = 0;
  let sr = 0;
  for (const r of rows) {
    if (Math.fround(x.data[r * x.cols + feature]!) <= threshold) {
      wl++;
      sl += residual[r]!;
    } else {
      wr++;
      sr += residual[r]!;
    }
  }
  const diff = wr * sl - wl * sr;
  return (diff * diff) / (wl * wr);
}

/** Rows of the in-bag set that reach node `target` of our tree. */
function rowsAt(tree: RegressionTreeModel, x: FeatureMatrix, inBag: Float64Array, target: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.rows; r++) {
    if (inBag[r] === 0) continue;
    let n = 0;
    while (n !== target && tree.feature[n]! >= 0) {
      n = Math.fround(x.data[r * x.cols + tree.feature[n]!]!) <= tree.threshold[n]! ? tree.left[n]! : tree.right[n]!;
    }
    if (n === target) out.push(r);
  }
  return out;
}

/** The in-bag mask of every stage, replaying the generator as the fit draws from it. */
function inBagMasks(n: number, p: GbtParams, nTrees: number): Float64Array[] {
  const rng = new NumpyRandomState(p.random_state);
  return Array.from({ length: p.n_estimators }, () => {
    const mask = subsampleMask(n, p.subsample ?? 1, rng);
    for (let k = 0; k < nTrees; k++) rng.randint(0, RAND_R_MAX);
    return mask;
  });
}

describe('gradient boosting against GradientBoostingClassifier', () => {
  let fitsWithoutTie = 0;
  for (const ref of trainingReference.gbt) {
    it(`${ref.table} ${JSON.stringify(ref.params)}: the same trees up to a tie, and then the same probabilities`, () => {
      const t = loadTable(ref.table);
      const model = fitGradientBoosting(t.x, t.y, options(ref.params));
      const K = model.nClasses;
      const masks = inBagMasks(t.x.rows, ref.params, model.init.length);
      let tie: { stage: number; k: number; ours: number; theirs: number } | null = null;
      for (let s = 0; s < ref.stages.length && !tie; s++) {
        ref.stages[s]!.forEach((refTree, k) => {
          if (tie) return;
          const d = firstDifference(model.stages[s]![k]!, refTree);
          if (d) tie = { stage: s, k, ...d };
        });
      }
      if (!tie) {
        const proba = predictProbaGradientBoosting(model, t.x);
        let worst = 0;
        ref.proba.forEach((row, i) => row.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - proba[i * K + k]!)))));
        expect(worst).toBeLessThan(1e-9);
        ref.importances.forEach((v, f) => expect(model.importances[f]!).toBeCloseTo(v, 9));
        fitsWithoutTie++;
        return;
      }
      // The residuals the diverging tree was fitted to: the gradient at the scores before its stage.
      const { stage, k, ours, theirs } = tie;
      const before = fitGradientBoosting(t.x, t.y, { ...options(ref.params), nEstimators: Math.max(1, stage) });
      const raw = stage === 0 ? null : rawScoresGradientBoosting(before, t.x);
      const nTrees = model.init.length;
      const residual = new Float64Array(t.x.rows);
      for (let i = 0; i < t.x.rows; i++) {
        const scores = raw ? Array.from(raw.subarray(i * nTrees, (i + 1) * nTrees)) : Array.from(model.init);
        if (K === 2) residual[i] = (t.y[i] === 1 ? 1 : 0) - 1 / (1 + Math.exp(-scores[0]!));
        else {
          const m = Math.max(...scores);
          const z = scores.reduce((a, v) => a + Math.exp(v - m), 0);
          residual[i] = (t.y[i] === k ? 1 : 0) - Math.exp(scores[k]! - m) / z;
        }
      }
      const tree = model.stages[stage]![k]!;
      const refTree = ref.stages[stage]![k]!;
      const rows = rowsAt(tree, t.x, masks[stage]!, ours);
      const oursScore = tree.feature[ours]! >= 0 ? friedmanProxy(t.x, rows, residual, tree.feature[ours]!, tree.threshold[ours]!) : NaN;
      const theirsScore = refTree.feature[theirs]! >= 0 ? friedmanProxy(t.x, rows, residual, refTree.feature[theirs]!, refTree.threshold[theirs]!) : NaN;
      expect(Math.abs(oursScore - theirsScore), `stage ${stage} tree ${k} node ${theirs}`).toBeLessThanOrEqual(1e-9 * Math.abs(theirsScore));
    });
  }

  it('at least three fits (two classes, three classes, subsampled) meet no tie and are compared to the end', () => {
    expect(fitsWithoutTie).toBeGreaterThanOrEqual(3);
  });

  it("draws what numpy's RandomState(0) draws", () => {
    // np.random.RandomState(0): randint(0, 2**31 - 1) twice, then uniform().
    const r = new NumpyRandomState(0);
    expect([r.randint(0, RAND_R_MAX), r.randint(0, RAND_R_MAX), r.uniform()]).toEqual([209652396, 398764591, 0.7151893663724195]);
  });

  it('refuses a subsample outside (0, 1] and reports progress per stage', () => {
    const t = loadTable('multiclass');
    expect(() => fitGradientBoosting(t.x, t.y, { subsample: 1.5 })).toThrow(/subsample must be in \(0, 1\]/);
    const seen: number[] = [];
    fitGradientBoosting(t.x, t.y, { nEstimators: 3, maxDepth: 1, onStage: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('is deterministic for a seed with subsampling', () => {
    const t = loadTable('multiclass');
    const a = predictProbaGradientBoosting(fitGradientBoosting(t.x, t.y, { nEstimators: 10, subsample: 0.6, seed: 4 }), t.x);
    const b = predictProbaGradientBoosting(fitGradientBoosting(t.x, t.y, { nEstimators: 10, subsample: 0.6, seed: 4 }), t.x);
    const c = predictProbaGradientBoosting(fitGradientBoosting(t.x, t.y, { nEstimators: 10, subsample: 0.6, seed: 5 }), t.x);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});
