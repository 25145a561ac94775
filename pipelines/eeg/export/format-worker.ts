/** A worker thread that turns blocks of samples into text for a sample export (format-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { formatJob } from './value-text';
import type { TextJob } from './value-text';

parentPort!.on('message', ({ id, job }: { id: number; job: TextJob }) => {
  try {
    const text = formatJob(job);
    parentPort!.postMessage({ id, text }, [text.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
