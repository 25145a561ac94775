import type { LogLevelName } from '../../contract/executor';

/**
 * The messages between the main thread and a worker. Each names its attempt by `key`
 * (`<taskRunId>#<attempt>`), so anything a stopped attempt still sends is recognised and
 * set aside instead of being mistaken for the next attempt's.
 */
export type ToWorker =
  | {
      type: 'run';
      key: string;
      taskRunId: string;
      flowRunId: string;
      taskName: string;
      attempt: number;
      input: unknown;
      /** Set when the attempt is sent ahead to a busy worker: it starts only if it wins this ticket (see ClaimSlot). */
      ticket?: number;
    }
  | { type: 'abort'; key: string; reason: string };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

export type FromWorker =
  /** Sent once, when the worker has loaded its registry and listens. */
  | { type: 'ready' }
  /** Not sent by workers: the pool says it when a ready worker receives or moves on to an attempt. */
  | { type: 'started'; key: string }
  | { type: 'log'; key: string; level: LogLevelName; message: string; at: number }
  | { type: 'progress'; key: string; fraction: number; message: string | null }
  | { type: 'metric'; key: string; name: string; value: number; step: number; at: number }
  | { type: 'param'; key: string; name: string; value: string }
  | { type: 'tag'; key: string; name: string; value: string }
  | { type: 'artifact'; key: string; path: string; data: Uint8Array }
  | { type: 'result'; key: string; value: unknown }
  | { type: 'error'; key: string; error: SerializedError };

/** The worker settles an attempt with exactly one of these. */
export const isSettling = (message: FromWorker): message is Extract<FromWorker, { type: 'result' | 'error' }> =>
  message.type === 'result' || message.type === 'error';

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}
