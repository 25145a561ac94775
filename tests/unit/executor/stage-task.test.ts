import { describe, expect, it } from 'vitest';
import { stageTask } from '../../../pipelines/flows/ml-pipeline/stage-task';
import type { TaskContext } from '../../../pipelines/flows/task';

/** A context that records what a task logs, so a stage can be tested without a worker. */
function recordingContext() {
  const logged = { params: {} as Record<string, string>, tags: {} as Record<string, string>, metrics: {} as Record<string, number> };
  const ctx: TaskContext = {
    taskRunId: 't',
    flowRunId: 'f',
    attempt: 1,
    signal: new AbortController().signal,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    progress() {},
    log: {
      param: (k, v) => void (logged.params[k] = String(v)),
      tag: (k, v) => void (logged.tags[k] = v),
      metric: (k, v) => void (logged.metrics[k] = v),
      artifact() {},
      text() {},
      json() {},
    },
  };
  return { ctx, logged };
}

describe('the ml pipeline stage task', () => {
  it('logs stage, function, arguments, rows and columns in and out, and status', async () => {
    const { ctx, logged } = recordingContext();
    const input = { featureNames: ['a', 'b', 'c'], X: [[1, 2, 3], [2, 2, 5], [3, 2, 7]], y: ['ACr', 'HC', 'ACr'] };
    const out = (await stageTask.run({ kind: 'process', fn: 'example.zscore', args: { dropConstant: true }, input }, ctx)) as typeof input;
    expect(out.featureNames).toEqual(['a', 'c']);
    expect(logged.params).toEqual({ stage: 'process', function: 'example.zscore', 'args.dropConstant': 'true' });
    expect(logged.metrics).toMatchObject({ rows_in: 3, cols_in: 3, rows_out: 3, cols_out: 2, dropped_features: 1 });
    expect(logged.tags).toEqual({ status: 'completed' });
  });

  it('on an error, tags status failed and the error, and throws it on', async () => {
    const { ctx, logged } = recordingContext();
    await expect(stageTask.run({ kind: 'process', fn: 'example.zscore', args: {}, input: null }, ctx)).rejects.toMatchObject({ code: 'BAD_STAGE_INPUT' });
    expect(logged.tags).toMatchObject({ status: 'failed', error: expect.stringContaining('needs a Dataset') });
  });

  it('refuses a stage of the wrong kind or an unknown one', async () => {
    const { ctx } = recordingContext();
    await expect(stageTask.run({ kind: 'train', fn: 'example.zscore', args: {}, input: null }, ctx)).rejects.toMatchObject({ code: 'WRONG_STAGE_KIND' });
    await expect(stageTask.run({ kind: 'train', fn: 'nope', args: {}, input: null }, ctx)).rejects.toMatchObject({ code: 'UNKNOWN_STAGE' });
  });
});
