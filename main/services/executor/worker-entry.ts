import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { flowCatalog } from '../../../pipelines/flows/catalog';
import type { FlowRegistry } from '../../../pipelines/flows/registry';
import { ClaimSlot } from './claim-slot';
import { createTaskContext } from './worker-context';
import { serializeError, type FromWorker, type ToWorker } from './worker-protocol';

/**
 * A pool worker: runs one task attempt at a time and reports everything as messages. It
 * never touches the database. The registry is the shipped catalog unless the executor
 * names another module (tests do, to run tasks that misbehave on purpose).
 */
export interface WorkerData {
  registryUrl?: string;
  /** The slot of attempts sent ahead (see ClaimSlot). */
  claimBuffer?: SharedArrayBuffer;
}

const port = parentPort!;
const data = (workerData ?? {}) as WorkerData;
const registry: FlowRegistry = data.registryUrl
  ? ((await import(data.registryUrl)) as { registry: FlowRegistry }).registry
  : flowCatalog;

const claim = new ClaimSlot(data.claimBuffer);

type RunMessage = Extract<ToWorker, { type: 'run' }>;
let current: { key: string; controller: AbortController } | null = null;
/** Attempts sent ahead while one runs, in order; each starts only if the main thread has not taken it back. */
const waiting: RunMessage[] = [];

function post(message: FromWorker): void {
  port.postMessage(message);
}

// Whatever a task prints goes to its run's log, not to the host's terminal.
for (const [method, level] of [['log', 'info'], ['info', 'info'], ['debug', 'debug'], ['warn', 'warn'], ['error', 'error']] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    if (current) post({ type: 'log', key: current.key, level, message: format(...args), at: Date.now() });
    else original(...args);
  };
}

async function runAttempt(run: RunMessage): Promise<void> {
  const controller = new AbortController();
  current = { key: run.key, controller };
  try {
    const task = registry.task(run.taskName);
    if (!task) throw Object.assign(new Error(`No task named "${run.taskName}" in this worker's registry.`), { code: 'UNKNOWN_TASK' });
    const value = await task.run(run.input as never, createTaskContext(run, controller.signal, post));
    try {
      post({ type: 'result', key: run.key, value });
    } catch (error) {
      throw new Error(`Task "${run.taskName}" returned a value that cannot be sent between threads: ${(error as Error).message}`, { cause: error });
    }
  } catch (error) {
    post({ type: 'error', key: run.key, error: serializeError(error) });
  } finally {
    current = null;
  }
}

function startNext(): void {
  while (!current && waiting.length > 0) {
    const run = waiting.shift()!;
    if (run.ticket === undefined || claim.take(run.ticket)) void runAttempt(run).then(startNext);
  }
}

// Once ready, the worker starts an attempt the moment it may (the main thread marks it
// Running then), so there is no `started` message per task.
port.on('message', (message: ToWorker) => {
  if (message.type === 'run') {
    waiting.push(message);
    startNext();
  } else if (message.type === 'abort' && current?.key === message.key) {
    current.controller.abort(Object.assign(new Error(message.reason), { name: 'AbortError' }));
  }
});

post({ type: 'ready' });
