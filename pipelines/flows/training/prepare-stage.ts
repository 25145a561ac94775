/**
 * `ml.prepare`, the process stage of the training flow, in this order:
 *
 * 1. split the rows into train and test parts, stratified by label and grouped by
 *    subject (pipelines/ml/prep: scikit-learn's train_test_split over subjects);
 * 2. harmonize across sites with ComBat when the rows have more than one site:
 *    fitted on the train part, applied to the test part (pipelines/flows/harmonize);
 * 3. drop one of each pair of features correlated above the threshold, judged on
 *    the train part (the pandas recipe at 0.8, pipelines/ml/prep).
 *
 * Everything is learnt on the train part only, so the test score is not
 * flattered by what the preparation saw.
 */
import { z } from 'zod';
import { PipelineError } from '../../errors';
import { matrixFromRows } from '../../ml';
import { correlationFilter, stratifiedTrainTestSplit } from '../../ml/prep';
import type { PreprocessingSpec } from '../../preprocess/spec';
import { harmonizeDataset, type HarmonizableDataset } from '../harmonize/stages';
import { defineStage, type Dataset } from '../ml-pipeline/stage';

/** What a load stage may add to the plain Dataset. */
export interface LoadedDataset extends Dataset {
  ids?: string[];
  spec?: PreprocessingSpec;
  specHash?: string;
}

export interface PreparedPart {
  X: number[][];
  y: string[];
  ids: string[];
}

/** Train rows as the Dataset (so the flow logs their shape), the test rows beside them. */
export interface PreparedData extends Dataset {
  ids: string[];
  test: PreparedPart;
  classes: string[];
  droppedFeatures: Array<{ feature: string; correlatedWith: string; r: number }>;
  spec: PreprocessingSpec | null;
  specHash: string | null;
  /** ComBat's parameters when the rows were harmonized, else null. */
  harmonization: unknown;
}

export const prepareArgs = z.object({
  testSize: z.number().gt(0).lt(1).default(0.2),
  /** `auto`: ComBat when the rows come from more than one site; `none`: never. */
  harmonize: z.enum(['auto', 'none']).default('auto'),
  /** |r| above which one of two features is dropped (the original used 0.8); null keeps every feature. */
  correlationThreshold: z.number().gt(0).max(1).nullable().default(0.8),
  seed: z.number().int().min(0).default(0),
});
export type PrepareArgs = z.output<typeof prepareArgs>;

type Keys = NonNullable<Dataset['keys']>;

function part(data: LoadedDataset, ids: string[], rows: number[]): HarmonizableDataset & { ids: string[] } {
  const keys: Keys = Object.fromEntries(Object.entries(data.keys ?? {}).map(([k, v]) => [k, rows.map((r) => v[r] ?? null)]));
  return {
    featureNames: data.featureNames,
    X: rows.map((r) => data.X[r]!),
    y: rows.map((r) => data.y[r]!),
    ids: rows.map((r) => ids[r]!),
    keys,
    ...(data.spec ? { spec: data.spec } : {}),
  };
}

function siteCount(data: LoadedDataset): number {
  const sites = data.keys?.site;
  return sites ? new Set(sites.filter((s) => s !== null)).size : 0;
}

export function prepareDataset(data: LoadedDataset, args: PrepareArgs): PreparedData {
  if (!data || !Array.isArray(data.X) || !Array.isArray(data.y)) throw new PipelineError('BAD_STAGE_INPUT', 'ml.prepare needs a Dataset from a load stage.');
  const ids = data.ids ?? data.y.map((_, i) => `row-${i + 1}`);
  const classes = [...new Set(data.y)].sort();
  if (classes.length < 2) throw new PipelineError('ONE_CLASS', `Every row has the label "${classes[0] ?? ''}": a classifier needs at least two classes.`);
  for (const label of classes) {
    const subjects = new Set(ids.filter((_, i) => data.y[i] === label));
    if (subjects.size < 2) {
      throw new PipelineError('TOO_FEW_ROWS', `Class "${label}" has ${subjects.size} subject: a train/test split needs at least two subjects per class.`);
    }
  }
  const encoded = Int32Array.from(data.y, (label) => classes.indexOf(label));
  const split = stratifiedTrainTestSplit(encoded, { testSize: args.testSize, seed: args.seed, groups: ids });
  let train = part(data, ids, split.train);
  let test = part(data, ids, split.test);
  let harmonization: unknown = null;
  if (args.harmonize === 'auto' && siteCount(data) > 1) {
    const fitted = harmonizeDataset(train, null);
    harmonization = fitted.dataset.harmonization;
    train = { ...train, X: fitted.dataset.X };
    test = { ...test, X: harmonizeDataset(test, fitted.dataset.harmonization).dataset.X };
  }
  const kept =
    args.correlationThreshold === null
      ? { kept: data.featureNames.map((_, c) => c), dropped: [] }
      : correlationFilter(matrixFromRows(train.X), args.correlationThreshold);
  const columns = (X: number[][]) => X.map((row) => kept.kept.map((c) => row[c]!));
  return {
    featureNames: kept.kept.map((c) => data.featureNames[c]!),
    X: columns(train.X),
    y: train.y,
    ids: train.ids,
    test: { X: columns(test.X), y: test.y, ids: test.ids },
    classes,
    droppedFeatures: kept.dropped.map((d) => ({ feature: data.featureNames[d.feature]!, correlatedWith: data.featureNames[d.correlatedWith]!, r: d.r })),
    spec: data.spec ?? null,
    specHash: data.specHash ?? null,
    harmonization,
  };
}

export const prepareStage = defineStage({
  kind: 'process',
  name: 'ml.prepare',
  description: 'Stratified train/test split by subject, ComBat across sites (fitted on the train part) when there are several, then a correlation filter learnt on the train part.',
  args: prepareArgs,
  run(input: LoadedDataset, args, ctx): PreparedData {
    const prepared = prepareDataset(input, args);
    ctx.log.metric('rows_train', prepared.X.length);
    ctx.log.metric('rows_test', prepared.test.X.length);
    ctx.log.metric('features_dropped_correlated', prepared.droppedFeatures.length);
    ctx.log.param('harmonization', prepared.harmonization ? 'combat' : 'none');
    if (prepared.harmonization) ctx.log.json('prepare/combat.json', prepared.harmonization);
    ctx.log.json('prepare/dropped_features.json', prepared.droppedFeatures);
    ctx.log.json('prepare/split.json', { train: prepared.ids, test: prepared.test.ids });
    ctx.logger.info(
      `${prepared.X.length} train and ${prepared.test.X.length} test rows; ${prepared.harmonization ? 'harmonized across sites (ComBat); ' : ''}` +
        `${prepared.featureNames.length} features kept, ${prepared.droppedFeatures.length} dropped as correlated.`,
    );
    return prepared;
  },
});
