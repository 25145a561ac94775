/** A zip naming one file twice is ambiguous: refused as the client's mistake, everywhere a zip comes in. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractZip } from '../../../pipelines/zip';
import { tempDir } from '../../support/temp-dir';
import { repoRoot } from '../eeg/support/paths';
import { buildZip } from './support/zip-writer';

const BIN = join(repoRoot, 'bin', 'neuroops.mjs');

function dupZip(dir: string, second = 'a.txt'): string {
  const file = join(dir, 'dup.zip');
  writeFileSync(file, buildZip([{ name: 'a.txt', data: Buffer.from('first') }, { name: second, data: Buffer.from('second') }]));
  return file;
}

/** Runs the real command, as a user would, and returns its exit code and output. */
function neuroops(...argv: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...argv], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a zip with a duplicate entry name', () => {
  it('is refused by the extractor with INVALID_PARAMETER_VALUE naming the entry, also when names differ only in case', async () => {
    const dir = tempDir();
    await expect(extractZip(dupZip(dir), join(dir, 'out'))).rejects.toMatchObject({
      code: 'INVALID_PARAMETER_VALUE',
      message: 'dup.zip: entry "a.txt" appears twice; a zip must name each file once, so it was refused',
    });
    const other = tempDir();
    await expect(extractZip(dupZip(other, 'A.TXT'), join(other, 'out'))).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('"A.TXT" appears twice') });
  });

  it('gets a one-line error and no stack trace from `neuroops inspect` and `neuroops models import`', () => {
    const dir = tempDir();
    const zip = dupZip(dir);
    for (const argv of [['inspect', zip], ['models', 'import', zip, '--data-dir', join(dir, 'data')]]) {
      const { status, stderr } = neuroops(...argv);
      expect(status).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain('entry "a.txt" appears twice');
      expect(stderr).toContain('[INVALID_PARAMETER_VALUE]');
      expect(stderr).not.toMatch(/^\s+at /m);
    }
  });
});
