/**
 * The parts of scikit-learn's BestSplitter that every tree here shares (the
 * classification tree and the boosting's regression tree): which features a
 * node visits and in what order, the threshold between two sorted values, and
 * the partition of a node's samples once the split is chosen.
 */
import { PipelineError } from '../errors';

/** Values closer than this are one value (scikit-learn's FEATURE_THRESHOLD). */
export const FEATURE_THRESHOLD = 1e-7;

export interface IntDraw {
  nextInt(low: number, high: number): number;
}

/**
 * scikit-learn's feature draw at one node (Fisher–Yates over `features`):
 * features known constant from the ancestors are skipped without using up the
 * max_features budget, features found constant here are remembered for the
 * descendants, and drawing goes on past max_features until a non-constant
 * feature has been seen.
 */
export class NodeFeatureDraw {
  private fI: number;
  private fJ = 0;
  private nDrawnConstants = 0;
  private nFoundConstants = 0;
  private nVisited = 0;
  /** Constants known to this node's children: the ancestors' and those found here. */
  knownConstants: number;

  constructor(
    private readonly features: Int32Array,
    private readonly maxFeatures: number,
    private readonly nKnownConstants: number,
    private readonly rng: IntDraw,
  ) {
    this.fI = features.length;
    this.knownConstants = nKnownConstants;
  }

  private swap(a: number, b: number): void {
    const t = this.features[a]!;
    this.features[a] = this.features[b]!;
    this.features[b] = t;
  }

  /** The next feature to evaluate, or -1 when the node has drawn enough. */
  next(): number {
    while (this.fI > this.knownConstants && (this.nVisited < this.maxFeatures || this.nVisited <= this.nFoundConstants + this.nDrawnConstants)) {
      this.nVisited++;
      const fJ = this.rng.nextInt(this.nDrawnConstants, this.fI - this.nFoundConstants);
      if (fJ < this.nKnownConstants) {
        this.swap(this.nDrawnConstants, fJ);
        this.nDrawnConstants++;
        continue;
      }
      this.fJ = fJ + this.nFoundConstants;
      return this.features[this.fJ]!;
    }
    return -1;
  }

  /** The feature just drawn takes one value in this node. */
  constant(): void {
    this.swap(this.fJ, this.knownConstants);
    this.nFoundConstants++;
    this.knownConstants++;
  }

  /** The feature just drawn was scored. */
  scored(): void {
    this.fI--;
    this.swap(this.fI, this.fJ);
  }
}

/** The threshold between sorted values xf[p − 1] and xf[p]: their midpoint, or the lower one when the midpoint rounds up to xf[p]. */
export function midpointThreshold(xf: Float64Array, p: number): number {
  const t = xf[p - 1]! / 2 + xf[p]! / 2;
  return t === xf[p]! || !Number.isFinite(t) ? xf[p - 1]! : t;
}

/**
 * Moves samples[start:end] with X[feature] ≤ threshold to the front (column-major
 * float32 X of `rows` rows), in scikit-learn's swap order; returns where the right side starts.
 */
export function partitionSamples(X: Float32Array, rows: number, samples: Int32Array, start: number, end: number, feature: number, threshold: number): number {
  const colOffset = feature * rows;
  let i = start;
  let j = end;
  while (i < j) {
    if (X[colOffset + samples[i]!]! <= threshold) i++;
    else {
      j--;
      const t = samples[i]!;
      samples[i] = samples[j]!;
      samples[j] = t;
    }
  }
  return i;
}

export interface TreeLimits {
  maxDepth: number;
  minSplit: number;
  minLeaf: number;
}

/** max_depth, min_samples_split and min_samples_leaf with scikit-learn's defaults, checked. */
export function treeLimits(options: { maxDepth?: number | null; minSamplesSplit?: number; minSamplesLeaf?: number }): TreeLimits {
  const limits = { maxDepth: options.maxDepth ?? Infinity, minSplit: options.minSamplesSplit ?? 2, minLeaf: options.minSamplesLeaf ?? 1 };
  if (!(limits.minLeaf >= 1) || !(limits.minSplit >= 2) || !(limits.maxDepth >= 0)) {
    throw new PipelineError('INVALID_PARAMETER', 'min_samples_leaf must be ≥ 1, min_samples_split ≥ 2 and max_depth ≥ 0.');
  }
  return limits;
}

/** The rows a tree grows on: those of non-zero weight, in row order (scikit-learn leaves the others out). */
export function weightedSamples(weight: ArrayLike<number>, rows: number): Int32Array {
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) if (weight[r]! !== 0) kept.push(r);
  if (kept.length === 0) throw new PipelineError('INVALID_FEATURES', 'Every sample has weight 0; there is nothing to train on.');
  return Int32Array.from(kept);
}

/** The next split position after p in sorted xf[·:end]: past the run of values equal to xf[p] (end when none is left). */
export function nextSplitPosition(xf: Float64Array, p: number, end: number): number {
  while (p + 1 < end && xf[p + 1]! <= xf[p]! + FEATURE_THRESHOLD) p++;
  return p + 1;
}

/** The best split a node has seen: the first candidate with a strictly higher proxy wins, as in scikit-learn. */
export class BestSplit {
  proxy = -Infinity;
  feature = -1;
  threshold = 0;
  /** Where the right side starts in the sorted samples; `end` while no split is found. */
  pos: number;

  constructor(end: number) {
    this.pos = end;
  }

  offer(proxy: number, feature: number, xf: Float64Array, p: number): void {
    if (proxy > this.proxy) {
      this.proxy = proxy;
      this.feature = feature;
      this.pos = p;
      this.threshold = midpointThreshold(xf, p);
    }
  }
}
