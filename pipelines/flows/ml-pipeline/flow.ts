import { z } from 'zod';
import { defineFlow, type FlowContext } from '../flow';
import { searchChunkTask } from '../ml-search';
import { STAGE_KINDS, type StageKind } from './stage';
import { findStage } from './stage-catalog';
import { stageTask } from './stage-task';
import { searchBeforeTrain } from '../training/search-step';

const stageRef = z.object({
  fn: z.string().min(1),
  args: z.record(z.string(), z.unknown()).default({}),
});
export type StageRef = z.infer<typeof stageRef>;

/** Checks each stage exists, has the right kind and accepts its arguments, before any run starts. */
function checkStage(kind: StageKind, ref: StageRef, ctx: z.RefinementCtx): void {
  const stage = findStage(ref.fn);
  if (!stage) {
    ctx.addIssue({ code: 'custom', path: [kind, 'fn'], message: `no stage is named "${ref.fn}" (see pipelines/flows/ml-pipeline/stage-catalog.ts)` });
    return;
  }
  if (stage.kind !== kind) {
    ctx.addIssue({ code: 'custom', path: [kind, 'fn'], message: `"${ref.fn}" is a ${stage.kind} stage, not a ${kind} stage` });
    return;
  }
  const parsed = stage.args.safeParse(ref.args);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: [kind, 'args', ...issue.path.map(String)], message: issue.message });
    }
  }
}

export const mlPipelineParams = z
  .object({
    load: stageRef,
    process: stageRef,
    train: stageRef,
    /** The tracking experiment of this run (default: ml_pipeline). */
    experiment: z.string().min(1).max(500).optional(),
  })
  .superRefine((params, ctx) => {
    for (const kind of STAGE_KINDS) checkStage(kind, params[kind], ctx);
  });
export type MlPipelineParams = z.infer<typeof mlPipelineParams>;

/**
 * load → process → train, each stage a task (so a nested tracked run) fed the previous
 * stage's output. Resolves with what the train stage returned.
 */
export async function runMlPipeline(ctx: FlowContext, stages: MlPipelineParams): Promise<unknown> {
  let data: unknown = null;
  for (const kind of STAGE_KINDS) {
    const { fn } = stages[kind];
    // A train stage that asks for a search gets it here, on the pool, before it runs.
    const args = kind === 'train' ? await searchBeforeTrain(ctx, fn, stages[kind].args, data) : stages[kind].args;
    data = await ctx.task(stageTask, { kind, fn, args, input: data }, { label: kind });
  }
  return data;
}

/** The port of the original platform's `ml_pipeline_flow`: any three stages from the catalog. */
export const mlPipelineFlow = defineFlow<MlPipelineParams>({
  name: 'ml_pipeline',
  version: '1',
  description: 'Pluggable training pipeline: load → process → train, each stage a nested tracked run.',
  params: mlPipelineParams,
  experimentOf: (params) => params.experiment,
  // searchChunkTask: the hyper-parameter search's chunks run on the pool from this flow (pipelines/flows/ml-search).
  tasks: [stageTask, searchChunkTask],
  run: (params, ctx) => runMlPipeline(ctx, params),
});
