import { z } from 'zod';
import { defineFlow } from '../flow';
import { runMlPipeline } from '../ml-pipeline/flow';
import { stageTask } from '../ml-pipeline/stage-task';

const params = z.object({
  subjects: z.number().int().min(4).max(100_000).default(60),
  features: z.number().int().min(1).max(1000).default(8),
  repeats: z.number().int().min(1).max(10_000).default(5),
  delayMsPerRepeat: z.number().int().min(0).max(60_000).default(0),
  seed: z.number().int().default(7),
});

/**
 * The documented example (docs/pipelines.md): the ml_pipeline orchestration with the
 * example stages, and flat params so `neuroops flows run example_pipeline` needs none.
 */
export const examplePipelineFlow = defineFlow<z.infer<typeof params>>({
  name: 'example_pipeline',
  version: '1',
  description: 'Synthetic two-group features → z-score → nearest-centroid classifier. Runs in seconds.',
  params,
  tasks: [stageTask],
  run: (p, ctx) =>
    runMlPipeline(ctx, {
      load: { fn: 'example.synthetic_features', args: { subjects: p.subjects, features: p.features, seed: p.seed } },
      process: { fn: 'example.zscore', args: {} },
      train: { fn: 'example.nearest_centroid', args: { repeats: p.repeats, delayMsPerRepeat: p.delayMsPerRepeat, seed: p.seed + 1 } },
    }),
});
