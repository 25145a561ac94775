/**
 * `features`: a BIDS dataset (folder or zip) to a feature table, one task per
 * recording on the worker pool. A recording's task is cached by its file's
 * sha256, its sidecars and the spec's hash, so a second run on the same data
 * does no work. The table, the spec with its hash and the quality report are
 * artifacts of the flow's run (of its `features.assemble` task).
 */
import { z } from 'zod';
import { defineFlow } from '../flow';
import { defaultSpec, parseSpec, specHash } from '../../preprocess/spec';
import { assembleTableTask, recordingFeaturesTask, scanDatasetTask } from './tasks';
import type { FeaturesSummary } from './tasks';

const params = z.object({
  dataset: z.string().min(1),
  /** A preprocessing spec object; the default spec when absent. */
  spec: z.unknown().optional(),
});

export const featuresFlow = defineFlow<z.infer<typeof params>>({
  name: 'features',
  version: '1',
  description: 'BIDS dataset → preprocessing spec → band-power feature table (one row per recording).',
  params,
  tasks: [scanDatasetTask, recordingFeaturesTask, assembleTableTask],
  async run(p, ctx): Promise<FeaturesSummary & { specHash: string }> {
    const spec = p.spec === undefined ? defaultSpec() : parseSpec(p.spec);
    const hash = specHash(spec);
    ctx.logger.info(`spec ${hash}`);
    const scan = await ctx.task(scanDatasetTask, { dataset: p.dataset }, { label: 'scan' });
    const outcomes = await Promise.all(
      scan.recordings.map((scanned) => ctx.task(recordingFeaturesTask, { root: scan.root, scanned, spec, specHash: hash }, { label: scanned.recording.path })),
    );
    const summary = await ctx.task(
      assembleTableTask,
      { outcomes, participants: scan.participants, spec, specHash: hash, temporary: scan.temporary },
      { label: 'assemble' },
    );
    ctx.logger.info(`${summary.rows} recordings in the table, ${summary.failed} failed`);
    return { ...summary, specHash: hash };
  },
});
