import type { TaskContext, TaskLogger } from '../../../pipelines/flows/task';
import type { FromWorker, ToWorker } from './worker-protocol';

type RunMessage = Extract<ToWorker, { type: 'run' }>;
type Post = (message: FromWorker) => void;

function clampFraction(fraction: number): number {
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
}

/** What a task sees while it runs in a worker: each call becomes one message to the main thread. */
export function createTaskContext(run: RunMessage, signal: AbortSignal, post: Post): TaskContext {
  const { key } = run;
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) =>
    post({ type: 'log', key, level, message: String(message), at: Date.now() });
  const logger: TaskLogger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  return {
    taskRunId: run.taskRunId,
    flowRunId: run.flowRunId,
    attempt: run.attempt,
    signal,
    logger,
    progress: (fraction, message) => post({ type: 'progress', key, fraction: clampFraction(fraction), message: message ?? null }),
    log: {
      param: (name, value) => post({ type: 'param', key, name, value: String(value) }),
      tag: (name, value) => post({ type: 'tag', key, name, value: String(value) }),
      metric: (name, value, step = 0) => post({ type: 'metric', key, name, value, step, at: Date.now() }),
      artifact: (path, data) => post({ type: 'artifact', key, path, data }),
      text: (path, text) => post({ type: 'artifact', key, path, data: new TextEncoder().encode(text) }),
      json: (path, value) => post({ type: 'artifact', key, path, data: new TextEncoder().encode(JSON.stringify(value, null, 2)) }),
    },
  };
}
