import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../support/temp-dir';
import { buildZip, type RawEntry } from '../zip/support/zip-writer';

export const TINY_BIDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'eeg', 'recordings', 'bids', 'tiny_bids');

/** The tiny BIDS dataset's files as zip entries, under `prefix` (e.g. "tiny_bids/"). */
export function tinyBidsEntries(prefix = ''): RawEntry[] {
  const entries: RawEntry[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(TINY_BIDS, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else entries.push({ name: prefix + child, data: fs.readFileSync(path.join(TINY_BIDS, child)), method: 8 });
    }
  };
  walk('');
  return entries;
}

export function writeZip(entries: RawEntry[], name = 'dataset.zip'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, buildZip(entries));
  return file;
}

/** What uploads/ holds apart from finished uploads: must stay empty after any refusal. */
export function leftovers(uploadsDir: string): string[] {
  return (fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : []).filter((name) => !/^ds-/.test(name));
}
