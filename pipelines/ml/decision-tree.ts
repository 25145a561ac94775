/**
 * A CART classification tree grown the way scikit-learn's DecisionTreeClassifier
 * (BestSplitter, depth-first builder) grows it, so the same data gives the same
 * splits:
 * - features are read as float32, as scikit-learn converts them;
 * - at each node, features are visited in a random order, every threshold between
 *   two distinct values (further apart than 1e-7) is scored by the weighted child
 *   impurity, and the first strictly best split wins; the threshold is the midpoint
 *   a/2 + b/2;
 * - features found constant in a node are remembered for its descendants and do
 *   not use up the max_features budget;
 * - a node is a leaf at max_depth, below min_samples_split or 2·min_samples_leaf
 *   samples, when pure, or when no split keeps min_samples_leaf on both sides.
 * Sample weights (bootstrap counts × class weights) enter every count; rows with
 * weight 0 are left out, as scikit-learn does.
 */
import { PipelineError } from '../errors';
import { checkLabels, toLabels, type FeatureMatrix } from './matrix';
import { SeededRandom } from './random';
import { FEATURE_THRESHOLD, BestSplit, NodeFeatureDraw, nextSplitPosition, partitionSamples, treeLimits, weightedSamples } from './tree-split';

export type SplitCriterion = 'gini' | 'entropy';
/** 'sqrt', 'log2', 'all', a fraction in (0, 1], or an integer count above 1. */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;

export interface TreeOptions {
  criterion?: SplitCriterion;
  maxDepth?: number | null;
  minSamplesSplit?: number;
  minSamplesLeaf?: number;
  maxFeatures?: MaxFeatures;
  seed?: number;
}

export interface DecisionTreeModel {
  readonly kind: 'tree';
  readonly nFeatures: number;
  readonly nClasses: number;
  /** Split feature per node; -1 marks a leaf. Nodes are numbered depth-first, left child first. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Weighted class counts per node, row-major (nodes × nClasses). */
  readonly value: Float64Array;
  readonly nodeSamples: Int32Array;
  readonly impurity: Float64Array;
  /** Impurity-based (mean decrease in impurity) importances, summing to 1 (or all 0 for a stump). */
  readonly importances: Float64Array;
}


export function resolveMaxFeatures(maxFeatures: MaxFeatures | undefined, nFeatures: number): number {
  if (maxFeatures === undefined || maxFeatures === 'all') return nFeatures;
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(nFeatures)));
  if (maxFeatures > 0 && maxFeatures <= 1) return Math.max(1, Math.floor(maxFeatures * nFeatures));
  if (Number.isInteger(maxFeatures) && maxFeatures > 1) return Math.min(nFeatures, maxFeatures);
  throw new PipelineError('INVALID_PARAMETER', `max_features must be sqrt, log2, all, a fraction in (0, 1] or a whole number; got ${maxFeatures}.`);
}

function impurityOf(counts: Float64Array, offset: number, K: number, total: number, criterion: SplitCriterion): number {
  if (total <= 0) return 0;
  if (criterion === 'gini') {
    let sq = 0;
    for (let k = 0; k < K; k++) sq += counts[offset + k]! * counts[offset + k]!;
    return 1 - sq / (total * total);
  }
  let h = 0;
  for (let k = 0; k < K; k++) {
    const c = counts[offset + k]!;
    if (c > 0) {
      const p = c / total;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

/** Grows a tree. `sampleWeight` is optional (all 1); `nClasses` defaults to max label + 1. */
export function fitDecisionTree(
  x: FeatureMatrix,
  labels: ArrayLike<number>,
  options: TreeOptions = {},
  sampleWeight?: Float64Array,
  nClassesHint?: number,
): DecisionTreeModel {
  const y = toLabels(labels);
  const K = Math.max(nClassesHint ?? 0, checkLabels(x, y));
  const { rows, cols } = x;
  const criterion = options.criterion ?? 'gini';
  const { maxDepth, minSplit, minLeaf } = treeLimits(options);
  const maxFeatures = resolveMaxFeatures(options.maxFeatures, cols);
  const rng = new SeededRandom(options.seed ?? 0);

  // Column-major float32 copy: one feature's values are contiguous while sorting.
  const X = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) X[c * rows + r] = x.data[r * cols + c]!;
  const weight = sampleWeight ?? new Float64Array(rows).fill(1);
  const samples = weightedSamples(weight, rows);
  const features = Int32Array.from({ length: cols }, (_, i) => i);
  const Xf = new Float64Array(samples.length);

  const nodeFeature: number[] = [];
  const nodeThreshold: number[] = [];
  const nodeLeft: number[] = [];
  const nodeRight: number[] = [];
  const nodeValue: number[] = [];
  const nodeSamples: number[] = [];
  const nodeImpurity: number[] = [];
  const nodeWeight: number[] = [];
  const total = new Float64Array(K);
  const leftCounts = new Float64Array(K);
  const rightCounts = new Float64Array(K);

  const build = (start: number, end: number, depth: number, nKnownConstants: number): number => {
    const id = nodeFeature.length;
    total.fill(0);
    let wTotal = 0;
    for (let p = start; p < end; p++) {
      const s = samples[p]!;
      total[y[s]!]! += weight[s]!;
      wTotal += weight[s]!;
    }
    const impurity = impurityOf(total, 0, K, wTotal, criterion);
    nodeFeature.push(-1);
    nodeThreshold.push(-2);
    nodeLeft.push(-1);
    nodeRight.push(-1);
    for (let k = 0; k < K; k++) nodeValue.push(total[k]!);
    nodeSamples.push(end - start);
    nodeImpurity.push(impurity);
    nodeWeight.push(wTotal);
    const n = end - start;
    if (depth >= maxDepth || n < minSplit || n < 2 * minLeaf || impurity <= Number.EPSILON) return id;

    // Best split, visiting features in scikit-learn's random order.
    const best = new BestSplit(end);
    const draw = new NodeFeatureDraw(features, maxFeatures, nKnownConstants, rng);
    for (let f = draw.next(); f >= 0; f = draw.next()) {
      const colOffset = f * rows;
      samples.subarray(start, end).sort((a, b) => X[colOffset + a]! - X[colOffset + b]!);
      for (let p = start; p < end; p++) Xf[p] = X[colOffset + samples[p]!]!;
      if (Xf[end - 1]! <= Xf[start]! + FEATURE_THRESHOLD) {
        draw.constant();
        continue;
      }
      draw.scored();

      leftCounts.fill(0);
      let wLeft = 0;
      let added = start;
      let p = start;
      for (p = nextSplitPosition(Xf, p, end); p < end; p = nextSplitPosition(Xf, p, end)) {
        if (p - start < minLeaf || end - p < minLeaf) continue;
        for (; added < p; added++) {
          const s = samples[added]!;
          leftCounts[y[s]!]! += weight[s]!;
          wLeft += weight[s]!;
        }
        const wRight = wTotal - wLeft;
        for (let k = 0; k < K; k++) rightCounts[k] = total[k]! - leftCounts[k]!;
        const proxy = -wRight * impurityOf(rightCounts, 0, K, wRight, criterion) - wLeft * impurityOf(leftCounts, 0, K, wLeft, criterion);
        best.offer(proxy, f, Xf, p);
      }
    }
    if (best.pos >= end) return id;

    // Partition the node's samples by the chosen split.
    const i = partitionSamples(X, rows, samples, start, end, best.feature, best.threshold);
    nodeFeature[id] = best.feature;
    nodeThreshold[id] = best.threshold;
    nodeLeft[id] = build(start, i, depth + 1, draw.knownConstants);
    nodeRight[id] = build(i, end, depth + 1, draw.knownConstants);
    return id;
  };
  build(0, samples.length, 0, 0);

  const importances = new Float64Array(cols);
  for (let id = 0; id < nodeFeature.length; id++) {
    const f = nodeFeature[id]!;
    if (f < 0) continue;
    const l = nodeLeft[id]!;
    const r = nodeRight[id]!;
    importances[f]! +=
      nodeWeight[id]! * nodeImpurity[id]! - nodeWeight[l]! * nodeImpurity[l]! - nodeWeight[r]! * nodeImpurity[r]!;
  }
  let sum = 0;
  for (let f = 0; f < cols; f++) sum += importances[f]!;
  if (sum > 0) for (let f = 0; f < cols; f++) importances[f]! /= sum;

  return {
    kind: 'tree',
    nFeatures: cols,
    nClasses: K,
    feature: Int32Array.from(nodeFeature),
    threshold: Float64Array.from(nodeThreshold),
    left: Int32Array.from(nodeLeft),
    right: Int32Array.from(nodeRight),
    value: Float64Array.from(nodeValue),
    nodeSamples: Int32Array.from(nodeSamples),
    impurity: Float64Array.from(nodeImpurity),
    importances,
  };
}

/** The leaf each row lands in (features compared as float32, like scikit-learn). */
export function applyTree(tree: DecisionTreeModel, x: FeatureMatrix): Int32Array {
  if (x.cols !== tree.nFeatures) {
    throw new PipelineError('FEATURE_MISMATCH', `The model expects ${tree.nFeatures} features; the table has ${x.cols}.`);
  }
  const leaves = new Int32Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      const v = Math.fround(x.data[r * x.cols + tree.feature[node]!]!);
      node = v <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    }
    leaves[r] = node;
  }
  return leaves;
}

/**
 * Adds each row's leaf class distribution (normalized counts) times `scale`
 * into `out` (rows × nClasses): a tree's probabilities, or its share of a forest's.
 */
export function accumulateTreeProba(tree: DecisionTreeModel, x: FeatureMatrix, out: Float64Array, scale = 1): void {
  const K = tree.nClasses;
  const leaves = applyTree(tree, x);
  for (let r = 0; r < x.rows; r++) {
    const off = leaves[r]! * K;
    let s = 0;
    for (let k = 0; k < K; k++) s += tree.value[off + k]!;
    for (let k = 0; k < K; k++) out[r * K + k]! += (scale * tree.value[off + k]!) / s;
  }
}

export function predictProbaTree(tree: DecisionTreeModel, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.rows * tree.nClasses);
  accumulateTreeProba(tree, x, out);
  return out;
}
