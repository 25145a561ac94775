import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../main/db/database';
import { createTrackingService } from '../main/services/tracking/create-tracking-service';
import type { TrackingService } from '../main/services/tracking/tracking-service';

/** A throwaway data folder with a migrated database and a tracking service on it. */
export function openBenchTracker(): { dir: string; db: Db; tracking: TrackingService; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-bench-'));
  const { db } = openDatabase(path.join(dir, 'neuroops.db'));
  const tracking = createTrackingService({ db, artifactsDir: path.join(dir, 'artifacts') });
  return {
    dir,
    db,
    tracking,
    close() {
      tracking.flush();
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Times `fn` `repeats` times (after one warm-up) and answers the samples in ms. */
export async function sample(repeats: number, fn: () => unknown): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });
