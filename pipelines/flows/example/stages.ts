import { z } from 'zod';
import { PipelineError } from '../../errors';
import { defineStage, type Dataset, type StageDef } from '../ml-pipeline/stage';
import { normal, seededRandom, shuffledIndices } from './random';

/**
 * The minimal example pipeline (docs/pipelines.md walks through it): synthetic per-subject
 * features for two groups, z-scored, then a nearest-centroid classifier scored on repeated
 * random splits. Small enough to run in tests, shaped like the real EEG pipeline.
 */

const CLASSES = ['ACr', 'HC'] as const;

export const syntheticFeatures = defineStage({
  kind: 'load',
  name: 'example.synthetic_features',
  description: 'Makes one row of features per subject for two groups whose means differ by `separation`.',
  args: z.object({
    subjects: z.number().int().min(4).max(100_000).default(60),
    features: z.number().int().min(1).max(1000).default(8),
    separation: z.number().min(0).default(1.5),
    seed: z.number().int().default(7),
  }),
  run(_input: unknown, args, ctx): Dataset {
    const random = seededRandom(args.seed);
    const featureNames = Array.from({ length: args.features }, (_, i) => `feature_${i}`);
    const X: number[][] = [];
    const y: string[] = [];
    for (let s = 0; s < args.subjects; s++) {
      const group = s % 2;
      X.push(featureNames.map(() => normal(random) + group * args.separation));
      y.push(CLASSES[group]!);
    }
    ctx.log.param('classes', CLASSES.join(','));
    return { featureNames, X, y };
  },
});

function columnStats(X: number[][], col: number): { mean: number; std: number } {
  const values = X.map((row) => row[col]!);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

export const zscore = defineStage({
  kind: 'process',
  name: 'example.zscore',
  description: 'Centres and scales every feature; drops features that do not vary.',
  args: z.object({ dropConstant: z.boolean().default(true) }),
  run(input: Dataset, args, ctx): Dataset {
    if (!input || !Array.isArray(input.X)) throw new PipelineError('BAD_STAGE_INPUT', 'example.zscore needs a Dataset from a load stage.');
    const stats = input.featureNames.map((_, col) => columnStats(input.X, col));
    const keep = stats.map((s, col) => ({ ...s, col })).filter((s) => !args.dropConstant || s.std > 0);
    ctx.log.metric('dropped_features', input.featureNames.length - keep.length);
    return {
      featureNames: keep.map((s) => input.featureNames[s.col]!),
      X: input.X.map((row) => keep.map((s) => (row[s.col]! - s.mean) / (s.std || 1))),
      y: input.y,
    };
  },
});

function centroids(X: number[][], y: string[], rows: number[]): Map<string, number[]> {
  const sums = new Map<string, { sum: number[]; n: number }>();
  for (const r of rows) {
    const entry = sums.get(y[r]!) ?? { sum: new Array<number>(X[r]!.length).fill(0), n: 0 };
    X[r]!.forEach((v, c) => (entry.sum[c]! += v));
    entry.n += 1;
    sums.set(y[r]!, entry);
  }
  return new Map([...sums].map(([label, { sum, n }]) => [label, sum.map((v) => v / n)]));
}

function nearest(point: number[], model: Map<string, number[]>): string {
  let best = '';
  let bestDistance = Infinity;
  for (const [label, centre] of model) {
    const distance = centre.reduce((acc, c, i) => acc + (c - point[i]!) ** 2, 0);
    if (distance < bestDistance) [best, bestDistance] = [label, distance];
  }
  return best;
}

/** Waits `ms`, or less if the run is cancelled (the caller then checks the signal). */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const stop = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });

export interface NearestCentroidResult {
  accuracy: number;
  classes: string[];
  centroids: Record<string, number[]>;
}

export const nearestCentroid = defineStage({
  kind: 'train',
  name: 'example.nearest_centroid',
  description: 'Nearest-centroid classifier, scored on `repeats` random train/test splits.',
  args: z.object({
    testFraction: z.number().gt(0).lt(1).default(0.2),
    repeats: z.number().int().min(1).max(10_000).default(5),
    /** Slows each repeat down, so a demo (or a test) can watch progress and cancel. */
    delayMsPerRepeat: z.number().int().min(0).max(60_000).default(0),
    seed: z.number().int().default(11),
  }),
  async run(input: Dataset, args, ctx): Promise<NearestCentroidResult> {
    const random = seededRandom(args.seed);
    const n = input.X.length;
    const testSize = Math.max(1, Math.round(n * args.testFraction));
    let total = 0;
    for (let repeat = 0; repeat < args.repeats; repeat++) {
      ctx.signal.throwIfAborted();
      const order = shuffledIndices(n, random);
      const model = centroids(input.X, input.y, order.slice(testSize));
      const test = order.slice(0, testSize);
      const accuracy = test.filter((r) => nearest(input.X[r]!, model) === input.y[r]).length / test.length;
      total += accuracy;
      ctx.log.metric('split_accuracy', accuracy, repeat);
      ctx.progress((repeat + 1) / args.repeats, `split ${repeat + 1} of ${args.repeats}`);
      if (args.delayMsPerRepeat > 0) await sleep(args.delayMsPerRepeat, ctx.signal);
    }
    ctx.signal.throwIfAborted();
    const model = centroids(input.X, input.y, input.X.map((_, i) => i));
    const result = { accuracy: total / args.repeats, classes: [...model.keys()], centroids: Object.fromEntries(model) };
    ctx.log.metric('accuracy', result.accuracy);
    ctx.log.json('model/centroids.json', result);
    ctx.logger.info(`mean accuracy over ${args.repeats} splits: ${result.accuracy.toFixed(3)}`);
    return result;
  },
});

export const exampleStages: readonly StageDef[] = [syntheticFeatures, zscore, nearestCentroid];
