/**
 * The shipped spatial filters are the upstream sovaharmony files their LICENSE names:
 * a changed or replaced .mat file must come with a new provenance note.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = join(__dirname, '../../../resources/spatial-filters');

function recordedSums(): Map<string, string> {
  const license = readFileSync(join(folder, 'LICENSE'), 'utf8');
  const sums = new Map<string, string>();
  for (const m of license.matchAll(/^\s+([0-9a-f]{64})\s+(\S+\.mat)$/gm)) sums.set(m[2]!, m[1]!);
  return sums;
}

describe('spatial filter resources', () => {
  it('every shipped .mat file has the sha256 its LICENSE records', () => {
    const sums = recordedSums();
    const shipped = readdirSync(folder).filter((f) => f.endsWith('.mat')).sort();
    expect(shipped).toEqual(['spatial_filter__54x10.mat', 'spatial_filter__58x25.mat']);
    expect([...sums.keys()].sort()).toEqual(shipped);
    for (const file of shipped) {
      const actual = createHash('sha256').update(readFileSync(join(folder, file))).digest('hex');
      expect(actual, file).toBe(sums.get(file));
    }
  });
});
