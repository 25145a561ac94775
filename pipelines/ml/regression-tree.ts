/**
 * The regression tree gradient boosting fits to residuals: scikit-learn's
 * DecisionTreeRegressor with criterion 'friedman_mse' (BestSplitter, depth-first),
 * the tree GradientBoostingClassifier grows at every stage.
 * - Features are read as float32; thresholds are midpoints a/2 + b/2 of values
 *   further apart than 1e-7; features are visited in a random order and the first
 *   strictly best split wins (the same rules as decision-tree.ts).
 * - A split is scored by Friedman's improvement proxy
 *   (w_R·Σ_L − w_L·Σ_R)² / (w_L·w_R), with Σ the weighted sums of the targets.
 * - A node's impurity is its weighted variance, Σwy²/w − (Σwy/w)², computed as
 *   scikit-learn computes it, because "impurity ≤ ε makes a leaf" must agree.
 * Rows with weight 0 (out of a subsample) are left out of the growth.
 */
import type { FeatureMatrix } from './matrix';
import { resolveMaxFeatures, type MaxFeatures } from './decision-tree';
import { SklearnTreeRandom } from './sklearn-random';
import { sklearnSort } from './sklearn-sort';
import { FEATURE_THRESHOLD, BestSplit, NodeFeatureDraw, nextSplitPosition, partitionSamples, treeLimits, weightedSamples } from './tree-split';

export interface RegressionTreeOptions {
  maxDepth?: number | null;
  minSamplesSplit?: number;
  minSamplesLeaf?: number;
  maxFeatures?: MaxFeatures;
  /** The state of scikit-learn's tree generator (our_rand_r), which orders the features visited at each node. */
  seed?: number;
}

export interface RegressionTreeModel {
  readonly nFeatures: number;
  /** Split feature per node; -1 marks a leaf. Nodes are numbered depth-first, left child first. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** The node's prediction: the weighted mean target (boosting overwrites leaves with its own step). */
  readonly value: Float64Array;
  readonly weightedSamples: Float64Array;
  readonly impurity: Float64Array;
}


interface LeftSums {
  wLeft: number;
  sumLeft: number;
  pos: number;
}

/** scikit-learn's RegressionCriterion.update: add rows from pos, or restart from the node total and remove from the end. */
function moveLeftSums(
  samples: Int32Array, weight: Float64Array, target: Float64Array, pos: number, newPos: number, end: number,
  wLeft: number, sumLeft: number, wTotal: number, sumTotal: number,
): LeftSums {
  if (newPos - pos <= end - newPos) {
    for (let p = pos; p < newPos; p++) {
      const s = samples[p]!;
      sumLeft += weight[s]! * target[s]!;
      wLeft += weight[s]!;
    }
  } else {
    sumLeft = sumTotal;
    wLeft = wTotal;
    for (let p = end - 1; p >= newPos; p--) {
      const s = samples[p]!;
      sumLeft -= weight[s]! * target[s]!;
      wLeft -= weight[s]!;
    }
  }
  return { wLeft, sumLeft, pos: newPos };
}

/** Column-major float32 copy of the features, as every tree of a boosted model reads them. */
export function columnMajorFloat32(x: FeatureMatrix): Float32Array {
  const { rows, cols } = x;
  const X = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) X[c * rows + r] = x.data[r * cols + c]!;
  return X;
}

/**
 * Grows a regression tree on `target` with `weight` (0 leaves a row out).
 * `X` is the column-major float32 table of `rows` rows (columnMajorFloat32).
 */
export function fitRegressionTree(
  X: Float32Array,
  rows: number,
  target: Float64Array,
  weight: Float64Array,
  options: RegressionTreeOptions = {},
): RegressionTreeModel {
  const cols = X.length / rows;
  const { maxDepth, minSplit, minLeaf } = treeLimits(options);
  const maxFeatures = resolveMaxFeatures(options.maxFeatures, cols);
  const rng = new SklearnTreeRandom(options.seed ?? 0);
  const samples = weightedSamples(weight, rows);
  const features = Int32Array.from({ length: cols }, (_, i) => i);
  const Xf = new Float64Array(samples.length);

  const nodeFeature: number[] = [];
  const nodeThreshold: number[] = [];
  const nodeLeft: number[] = [];
  const nodeRight: number[] = [];
  const nodeValue: number[] = [];
  const nodeWeight: number[] = [];
  const nodeImpurity: number[] = [];

  const build = (start: number, end: number, depth: number, nKnownConstants: number): number => {
    const id = nodeFeature.length;
    let wTotal = 0;
    let sumTotal = 0;
    let sqTotal = 0;
    for (let p = start; p < end; p++) {
      const s = samples[p]!;
      const w = weight[s]!;
      wTotal += w;
      sumTotal += w * target[s]!;
      sqTotal += w * target[s]! * target[s]!;
    }
    const mean = sumTotal / wTotal;
    const impurity = sqTotal / wTotal - mean * mean;
    nodeFeature.push(-1);
    nodeThreshold.push(-2);
    nodeLeft.push(-1);
    nodeRight.push(-1);
    nodeValue.push(mean);
    nodeWeight.push(wTotal);
    nodeImpurity.push(impurity);
    const n = end - start;
    if (depth >= maxDepth || n < minSplit || n < 2 * minLeaf || impurity <= Number.EPSILON) return id;

    const best = new BestSplit(end);
    const draw = new NodeFeatureDraw(features, maxFeatures, nKnownConstants, rng);
    for (let f = draw.next(); f >= 0; f = draw.next()) {
      const colOffset = f * rows;
      for (let p = start; p < end; p++) Xf[p] = X[colOffset + samples[p]!]!;
      sklearnSort(Xf, samples, start, end);
      if (Xf[end - 1]! <= Xf[start]! + FEATURE_THRESHOLD) {
        draw.constant();
        continue;
      }
      draw.scored();

      // Left sums move to each candidate position from whichever end is nearer,
      // as scikit-learn's criterion does, so they round the same way.
      let wLeft = 0;
      let sumLeft = 0;
      let pos = start;
      let p = start;
      for (p = nextSplitPosition(Xf, p, end); p < end; p = nextSplitPosition(Xf, p, end)) {
        if (p - start < minLeaf || end - p < minLeaf) continue;
        ({ wLeft, sumLeft, pos } = moveLeftSums(samples, weight, target, pos, p, end, wLeft, sumLeft, wTotal, sumTotal));
        const wRight = wTotal - wLeft;
        const diff = wRight * sumLeft - wLeft * (sumTotal - sumLeft);
        const proxy = (diff * diff) / (wLeft * wRight);
        best.offer(proxy, f, Xf, p);
      }
    }
    if (best.pos >= end) return id;

    const i = partitionSamples(X, rows, samples, start, end, best.feature, best.threshold);
    nodeFeature[id] = best.feature;
    nodeThreshold[id] = best.threshold;
    nodeLeft[id] = build(start, i, depth + 1, draw.knownConstants);
    nodeRight[id] = build(i, end, depth + 1, draw.knownConstants);
    return id;
  };
  build(0, samples.length, 0, 0);

  return {
    nFeatures: cols,
    feature: Int32Array.from(nodeFeature),
    threshold: Float64Array.from(nodeThreshold),
    left: Int32Array.from(nodeLeft),
    right: Int32Array.from(nodeRight),
    value: Float64Array.from(nodeValue),
    weightedSamples: Float64Array.from(nodeWeight),
    impurity: Float64Array.from(nodeImpurity),
  };
}

/** The leaf of each row of the column-major float32 table `X` (rows rows). */
export function applyRegressionTree(tree: RegressionTreeModel, X: Float32Array, rows: number): Int32Array {
  const leaves = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      node = X[tree.feature[node]! * rows + r]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    }
    leaves[r] = node;
  }
  return leaves;
}

/** Unnormalized impurity decrease per feature, divided by the root's weight (scikit-learn's normalize=False). */
export function regressionTreeImportances(tree: RegressionTreeModel): Float64Array {
  const out = new Float64Array(tree.nFeatures);
  for (let id = 0; id < tree.feature.length; id++) {
    const f = tree.feature[id]!;
    if (f < 0) continue;
    const l = tree.left[id]!;
    const r = tree.right[id]!;
    out[f]! +=
      tree.weightedSamples[id]! * tree.impurity[id]! -
      tree.weightedSamples[l]! * tree.impurity[l]! -
      tree.weightedSamples[r]! * tree.impurity[r]!;
  }
  for (let f = 0; f < out.length; f++) out[f]! /= tree.weightedSamples[0]!;
  return out;
}
