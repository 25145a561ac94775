import { PipelineError } from '../../errors';
import { defineTask, type TaskContext } from '../task';
import { shapeOf, type StageKind } from './stage';
import { findStage } from './stage-catalog';

export interface StageCall {
  kind: StageKind;
  /** A stage name from the catalog, e.g. `example.zscore`. */
  fn: string;
  args: Record<string, unknown>;
  input: unknown;
}

function logShape(ctx: TaskContext, value: unknown, direction: 'in' | 'out'): void {
  const shape = shapeOf(value);
  if (!shape) return;
  ctx.log.metric(`rows_${direction}`, shape.rows);
  ctx.log.metric(`cols_${direction}`, shape.cols);
}

/**
 * Runs one stage in a worker and logs what every stage logs, whatever it does: its kind and
 * function, its arguments, rows and columns in and out, and how it ended. The stage's own
 * params, metrics and artifacts go to the same (nested) tracked run.
 */
export const stageTask = defineTask<StageCall, unknown>({
  name: 'ml.stage',
  version: '1',
  async run(call, ctx) {
    const stage = findStage(call.fn);
    if (!stage) throw new PipelineError('UNKNOWN_STAGE', `No stage is named "${call.fn}".`);
    if (stage.kind !== call.kind) {
      throw new PipelineError('WRONG_STAGE_KIND', `Stage "${call.fn}" is a ${stage.kind} stage, not a ${call.kind} stage.`);
    }
    const args = stage.args.parse(call.args);
    ctx.log.param('stage', call.kind);
    ctx.log.param('function', call.fn);
    for (const [key, value] of Object.entries(call.args)) ctx.log.param(`args.${key}`, JSON.stringify(value));
    logShape(ctx, call.input, 'in');
    ctx.logger.info(`${call.kind} stage: ${call.fn}`);
    try {
      const output = await stage.run(call.input, args, ctx);
      logShape(ctx, output, 'out');
      ctx.log.tag('status', 'completed');
      return output;
    } catch (error) {
      ctx.log.tag('status', 'failed');
      ctx.log.tag('error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      throw error;
    }
  },
});
