import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIDS_SCRATCH_PREFIX } from '../../pipelines/eeg/bids/source';
import { ownerTag, ownerTagIn, ownerTagIsAlive } from '../../pipelines/process-owner';
import { BUNDLE_SCRATCH_PREFIX } from '../services/bundles/scratch-name';
import { dataPaths } from './data-dir';

/** Scratch named without an owner (by older versions) goes once it is this old: no upload or import takes an hour untouched. */
const UNOWNED_AFTER_MS = 60 * 60 * 1000;

interface ScratchPlace {
  dir: string;
  prefix: string;
}

const uploads = (dataDir: string): ScratchPlace => ({ dir: dataPaths(dataDir).uploads, prefix: BUNDLE_SCRATCH_PREFIX });
// Artifact uploads (`<owner tag>-<uuid>.part`); the tracker sweeps dead owners' at start-up itself.
const artifactUploads = (dataDir: string): ScratchPlace => ({ dir: path.join(dataPaths(dataDir).artifacts, 'tmp'), prefix: '' });
const systemScratch = (): ScratchPlace[] => [{ dir: os.tmpdir(), prefix: BIDS_SCRATCH_PREFIX }];

function removeWhere(places: ScratchPlace[], doomed: (name: string, owner: string | undefined, file: string) => boolean): string[] {
  const removed: string[] = [];
  for (const { dir, prefix } of places) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const file = path.join(dir, name);
      try {
        if (!doomed(name, ownerTagIn(name, prefix), file)) continue;
        fs.rmSync(file, { recursive: true, force: true });
        removed.push(file);
      } catch {
        // Another user's temp folder, or gone meanwhile: not ours to report.
      }
    }
  }
  return removed;
}

/**
 * At start-up: removes the scratch files and folders of processes that no longer run
 * (killed with SIGKILL, or a crash): bundle uploads in uploads/, artifact uploads in
 * artifacts/tmp/ (.part) and unpacked BIDS zips in the system's temp folder. Those of live
 * processes (a CLI import beside the server) are left alone.
 */
export function sweepLeftovers(dataDir: string, now = Date.now()): string[] {
  const mine = ownerTag();
  const unownedGoes = (file: string) => now - fs.statSync(file).mtimeMs > UNOWNED_AFTER_MS;
  return [
    ...removeWhere([uploads(dataDir)], (_name, owner, file) => (owner === undefined ? unownedGoes(file) : owner !== mine && !ownerTagIsAlive(owner))),
    // In the shared temp folder a name without an owner may be anyone's: it stays.
    ...removeWhere(systemScratch(), (_name, owner) => owner !== undefined && owner !== mine && !ownerTagIsAlive(owner)),
  ];
}

/** On the way out (Ctrl+C, SIGTERM, closing the app): this process's own scratch in the data folder. */
export function removeOwnScratch(dataDir: string): string[] {
  const mine = ownerTag();
  return removeWhere([uploads(dataDir), artifactUploads(dataDir)], (_name, owner) => owner === mine);
}

/** On Ctrl+C or SIGTERM: this process's own unpacked BIDS zips in the system's temp folder. */
export function removeOwnSystemScratch(): string[] {
  const mine = ownerTag();
  return removeWhere(systemScratch(), (_name, owner) => owner === mine);
}
