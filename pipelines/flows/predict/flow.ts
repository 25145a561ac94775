/**
 * `predict`: a BIDS dataset through a registered model's own preprocessing, to
 * the feature vectors its ONNX model takes. Its run goes to the "predictions"
 * experiment. Steps, each a task on the pool:
 *
 *   validate     the BIDS check and every recording's sha256 (features.scan);
 *                an error finding stops the run before anything is computed
 *   preprocess   one task per recording with the model's spec, cached by the
 *                file's sha256 and the spec's hash (features.recording, shared
 *                with the features flow, so features computed there are reused)
 *   harmonize    schema check, ComBat with the model's parameters, the model's
 *                features in order, out-of-distribution flags (predict.vectors)
 *
 * Inference and the audit records are the prediction service's (main/), which
 * holds onnxruntime and the database.
 */
import { z } from 'zod';
import { PipelineError } from '../../errors';
import { listSome } from '../../harmonize/input';
import { parseSpec } from '../../preprocess/spec';
import { recordingFeaturesTask, scanDatasetTask } from '../features/tasks';
import { defineFlow } from '../flow';
import { predictModelSchema } from './model-input';
import { vectorsTask, type PreparedRecording } from './vectors-task';

export const PREDICTIONS_EXPERIMENT = 'predictions';

const params = z.object({
  /** The dataset's root folder (an upload's). */
  dataset: z.string().min(1),
  model: predictModelSchema,
});

export type PredictFlowParams = z.infer<typeof params>;

export interface PredictFlowResult {
  specHash: string;
  recordings: Array<PreparedRecording & { sha256: string }>;
}

export const predictFlow = defineFlow<PredictFlowParams>({
  name: 'predict',
  version: '1',
  description: "A BIDS dataset through a registered model's own preprocessing and harmonization, to the checked feature vectors its model takes.",
  experiment: PREDICTIONS_EXPERIMENT,
  params,
  tasks: [scanDatasetTask, recordingFeaturesTask, vectorsTask],
  async run(p, ctx): Promise<PredictFlowResult> {
    const spec = parseSpec(p.model.spec);
    const scan = await ctx.task(scanDatasetTask, { dataset: p.dataset }, { label: 'validate' });
    if (scan.errors.length) {
      throw new PipelineError('DATASET_INVALID', `The dataset has ${scan.errors.length} error(s): ${listSome(scan.errors.map((f) => `${f.file || 'dataset'}: ${f.message}`), 3)}`);
    }
    if (scan.recordings.length === 0) throw new PipelineError('NO_RECORDINGS', 'The dataset holds no EEG recording to predict.');
    const outcomes = await Promise.all(
      scan.recordings.map((scanned) =>
        ctx.task(recordingFeaturesTask, { root: scan.root, scanned, spec, specHash: p.model.specHash }, { label: `preprocess ${scanned.recording.path}` }),
      ),
    );
    const prepared = await ctx.task(vectorsTask, { outcomes, participants: scan.participants, model: p.model }, { label: 'harmonize' });
    ctx.logger.info(`${prepared.filter((r) => r.ok).length} of ${prepared.length} recordings ready for the model`);
    return { specHash: p.model.specHash, recordings: prepared.map((r, i) => ({ ...r, sha256: scan.recordings[i]!.sha256 })) };
  },
});
