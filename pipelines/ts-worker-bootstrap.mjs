// Starts a worker thread's TypeScript entry (workerData.entryUrl) when NeuroOps runs from
// source (the CLI, tests): a worker does not inherit the parent's tsx loader, and Node 20
// ignores `--import tsx` in a worker's execArgv for its entry module, so the loader is
// registered here first. The executor's pool and the sample export's formatting workers
// both start this way; built code starts its bundled entries directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entryUrl);
