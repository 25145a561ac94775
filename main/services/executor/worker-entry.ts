import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { flowCatalog } from '../../../pipelines/flows/catalog';
import type { FlowRegistry } from '../../../pipelines/flows/registry';
import { createTaskContext } from './worker-context';
import { serializeError, type FromWorker, type ToWorker } from './worker-protocol';

/**
 * A pool worker: runs one task attempt at a time and reports everything as messages. It
 * never touches the database. The registry is the shipped catalog unless the executor
 * names another module (tests do, to run tasks that misbehave on purpose).
 */
export interface WorkerData {
  registryUrl?: string;
}

const port = parentPort!;
const data = (workerData ?? {}) as WorkerData;
const registry: FlowRegistry = data.registryUrl
  ? ((await import(data.registryUrl)) as { registry: FlowRegistry }).registry
  : flowCatalog;

let current: { key: string; controller: AbortController } | null = null;

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

async function runAttempt(run: Extract<ToWorker, { type: 'run' }>): Promise<void> {
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

// Once ready, the worker starts each attempt the moment it arrives (the pool sends one at a
// time), so the main thread marks attempts Running as it sends them: no message per start.
port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void runAttempt(message);
  else if (message.type === 'abort' && current?.key === message.key) {
    current.controller.abort(Object.assign(new Error(message.reason), { name: 'AbortError' }));
  }
});

post({ type: 'ready' });
