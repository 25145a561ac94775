/**
 * Fills a data folder's tracker with many runs, through the tracking service
 * as the server would store them, for the tests that need a database at lab
 * scale. The folder must have been opened by `neuroops serve` once (its
 * schema is migrated) and no server may have it open now.
 */
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { createTrackingService } from '../../../main/services/tracking/create-tracking-service';

export interface SeedSpec {
  experiment: string;
  runs: number;
  /** Param i of run r is `v${(r * (i + 1)) % 7}`, metric m is a seeded value in [0, 1). */
  params: number;
  metrics: number;
  /** A param only the first (oldest) run has: a key no page of newest runs shows. */
  rareParam?: string;
}

export async function seedRuns(dataDir: string, spec: SeedSpec): Promise<{ experimentId: string }> {
  const { db } = openDatabase(path.join(dataDir, 'neuroops.db'));
  const tracking = createTrackingService({ db, artifactsDir: path.join(dataDir, 'artifacts') });
  try {
    const experimentId = await tracking.createExperiment({ name: spec.experiment });
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    let pending: Promise<void>[] = [];
    for (let r = 0; r < spec.runs; r += 1) {
      pending.push(
        (async () => {
          const { runId } = await tracking.createRun({ experimentId, runName: `run-${r}`, startTime: 1_700_000_000_000 + r * 1000 });
          await tracking.logBatch(runId, {
            params: [
              ...Array.from({ length: spec.params }, (_, p) => ({ key: `param_${p}`, value: `v${(r * (p + 1)) % 7}` })),
              ...(r === 0 && spec.rareParam ? [{ key: spec.rareParam, value: 'only here' }] : []),
            ],
            metrics: Array.from({ length: spec.metrics }, (_, m) => ({ key: `metric_${m}`, value: random(), timestamp: 0, step: 0 })),
          });
        })(),
      );
      // The writer commits in chunks rather than holding every write in memory.
      if (pending.length === 1000) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
    tracking.flush();
    return { experimentId };
  } finally {
    closeDatabase(db);
  }
}
