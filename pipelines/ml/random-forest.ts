/**
 * A random forest as scikit-learn's RandomForestClassifier: each tree is grown
 * on a bootstrap sample (n draws with replacement, expressed as sample weights)
 * with max_features drawn per node (default sqrt); class_weight 'balanced'
 * weights every sample by n / (K · count of its class) over the training labels.
 * Probabilities are the mean of the trees' leaf distributions.
 */
import { PipelineError } from '../errors';
import { accumulateTreeProba, fitDecisionTree, type DecisionTreeModel, type TreeOptions } from './decision-tree';
import { checkLabels, toLabels, type FeatureMatrix } from './matrix';
import { SeededRandom } from './random';

export interface ForestOptions extends Omit<TreeOptions, 'seed'> {
  nEstimators?: number;
  bootstrap?: boolean;
  classWeight?: 'balanced' | null;
  seed?: number;
  /** Called after each tree, for progress on long fits. */
  onTree?: (done: number, total: number) => void;
}

export interface RandomForestModel {
  readonly kind: 'forest';
  readonly nFeatures: number;
  readonly nClasses: number;
  readonly trees: DecisionTreeModel[];
  /** Mean of the trees' impurity-based importances. */
  readonly importances: Float64Array;
}

/** scikit-learn's 'balanced' class weights: n / (K · bincount(y)). */
export function balancedClassWeights(y: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]!]! += 1;
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? y.length / (present * c) : 0));
}

export function fitRandomForest(x: FeatureMatrix, labels: ArrayLike<number>, options: ForestOptions = {}): RandomForestModel {
  const y = toLabels(labels);
  const K = checkLabels(x, y);
  const nEstimators = options.nEstimators ?? 100;
  if (!(Number.isInteger(nEstimators) && nEstimators >= 1)) {
    throw new PipelineError('INVALID_PARAMETER', `n_estimators must be a whole number ≥ 1; got ${nEstimators}.`);
  }
  const bootstrap = options.bootstrap ?? true;
  const rng = new SeededRandom(options.seed ?? 0);
  const classWeight = options.classWeight === 'balanced' ? balancedClassWeights(y, K) : null;
  const treeOptions: TreeOptions = { ...options, maxFeatures: options.maxFeatures ?? 'sqrt' };
  const trees: DecisionTreeModel[] = [];
  const importances = new Float64Array(x.cols);
  for (let t = 0; t < nEstimators; t++) {
    const treeRng = rng.fork();
    const weight = new Float64Array(x.rows);
    if (bootstrap) {
      for (let i = 0; i < x.rows; i++) weight[treeRng.nextInt(0, x.rows)]! += 1;
    } else {
      weight.fill(1);
    }
    if (classWeight) for (let i = 0; i < x.rows; i++) weight[i]! *= classWeight[y[i]!]!;
    const tree = fitDecisionTree(x, y, { ...treeOptions, seed: treeRng.nextUint32() }, weight, K);
    trees.push(tree);
    for (let f = 0; f < x.cols; f++) importances[f]! += tree.importances[f]! / nEstimators;
    options.onTree?.(t + 1, nEstimators);
  }
  return { kind: 'forest', nFeatures: x.cols, nClasses: K, trees, importances };
}

/** Class probabilities, row-major (rows × nClasses). */
export function predictProbaForest(forest: RandomForestModel, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.rows * forest.nClasses);
  const scale = 1 / forest.trees.length;
  for (const tree of forest.trees) accumulateTreeProba(tree, x, out, scale);
  return out;
}

/** The most probable class of each row (the first on ties, as numpy's argmax). */
export function argmaxRows(proba: Float64Array, nClasses: number): Int32Array {
  const rows = proba.length / nClasses;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let k = 1; k < nClasses; k++) if (proba[r * nClasses + k]! > proba[r * nClasses + best]!) best = k;
    out[r] = best;
  }
  return out;
}
