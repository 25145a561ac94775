// Starts the TypeScript worker entry when NeuroOps runs from source (the CLI, tests): a
// worker does not inherit the parent's tsx loader, and Node 20 ignores `--import tsx` in a
// worker's execArgv for its entry module, so the loader is registered here first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entryUrl);
