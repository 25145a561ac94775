/**
 * EEG stages for `ml_pipeline`. `eeg.bids_features` loads a BIDS dataset as
 * the band-power table under a preprocessing spec, labelled by a
 * participants.tsv column, so training starts from a dataset. The spec and its
 * hash travel with the Dataset and are logged, so a model can carry them.
 */
import { z } from 'zod';
import { PipelineError } from '../../errors';
import { datasetFeatures } from '../../features/dataset-features';
import { defaultSpec, parseSpec, specHash } from '../../preprocess/spec';
import type { PreprocessingSpec } from '../../preprocess/spec';
import { defineStage, type Dataset, type StageDef } from '../ml-pipeline/stage';

export interface EegDataset extends Dataset {
  spec: PreprocessingSpec;
  specHash: string;
  /** participant_id of each row. */
  ids: string[];
}

export const bidsFeatures = defineStage({
  kind: 'load',
  name: 'eeg.bids_features',
  description: 'Band-power features of a BIDS dataset (folder or zip) under a preprocessing spec, labelled by a participants.tsv column.',
  args: z.object({
    dataset: z.string().min(1),
    spec: z.unknown().optional(),
    label: z.string().min(1).default('group'),
  }),
  async run(_input: unknown, args, ctx): Promise<EegDataset> {
    const spec = args.spec === undefined ? defaultSpec() : parseSpec(args.spec);
    const hash = specHash(spec);
    const result = await datasetFeatures(args.dataset, spec, {
      recording: (i, n, path) => ctx.progress(i / n, path),
      step: () => ctx.signal.throwIfAborted(),
    });
    const { table } = result;
    for (const e of table.errors) ctx.logger.warn(`${e.message} [${e.code}]`);
    const labelAt = table.columns.indexOf(args.label);
    if (labelAt < 0) throw new PipelineError('MISSING_LABEL', `participants.tsv has no column "${args.label}" to label the recordings with.`);
    const first = table.columns.indexOf(table.featureColumns[0] ?? '');
    const keyColumns = first < 0 ? [] : table.columns.slice(0, first);
    const rows = table.rows.filter((r) => r[labelAt] !== null);
    const unlabelled = table.rows.length - rows.length;
    if (unlabelled) ctx.logger.warn(`${unlabelled} recordings have no "${args.label}" in participants.tsv and are left out.`);
    if (rows.length === 0) throw new PipelineError('NO_ROWS', `No recording of ${args.dataset} gave a labelled row (${table.errors.length} failed).`);
    ctx.log.param('spec_hash', hash);
    ctx.log.json('features.spec.json', { specHash: hash, spec });
    ctx.log.json('feature_errors.json', table.errors);
    ctx.log.metric('recordings_failed', table.errors.length);
    ctx.log.metric('recordings_unlabelled', unlabelled);
    return {
      featureNames: table.featureColumns,
      X: rows.map((r) => r.slice(first, first + table.featureColumns.length) as number[]),
      y: rows.map((r) => String(r[labelAt])),
      ids: rows.map((r) => String(r[0])),
      keys: Object.fromEntries(keyColumns.map((c, i) => [c, rows.map((r) => r[i]!)])),
      spec,
      specHash: hash,
    };
  },
});

export const eegStages: readonly StageDef[] = [bidsFeatures];
