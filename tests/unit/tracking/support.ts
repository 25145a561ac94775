import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../../main/db/database';
import { createTrackingService } from '../../../main/services/tracking/create-tracking-service';
import type { TrackingService } from '../../../main/services/tracking/tracking-service';

export interface TrackingFixture {
  dir: string;
  db: Db;
  tracking: TrackingService;
  close(): void;
}

/** A fresh data folder with a migrated database and a tracking service on it. */
export function openTracking(): TrackingFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-tracking-'));
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

/** Asserts that a promise or function fails with an AppError of this code, and returns its message. */
export async function errorCodeOf(action: Promise<unknown> | (() => unknown)): Promise<{ code: string; message: string }> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code ?? 'none', message: e.message };
  }
  throw new Error('expected an error, but the action succeeded');
}

/** A fresh tracker holding one running run in the Default experiment. */
export async function openTrackingWithRun(): Promise<TrackingFixture & { runId: string }> {
  const fx = openTracking();
  const { runId } = await fx.tracking.createRun({ experimentId: '0' });
  return { ...fx, runId };
}
