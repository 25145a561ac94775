/** Every way out of reading a zip closes the archive: a server reads many, and leaked descriptors add up. */
import { readdirSync, readlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipEntryNames } from '../../../main/services/datasets/zip-entry-names';
import { extractZip } from '../../../pipelines/zip';
import { tempDir } from '../../support/temp-dir';
import { buildZip } from './support/zip-writer';

/** The files in `dir` that this process holds open. */
function openIn(dir: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return []; // closed meanwhile (the descriptor readdirSync itself used)
    }
  });
}

describe('zip file descriptors', () => {
  it('are closed after listing entry names, after an extraction, and after each kind of refusal', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.zip');
    await writeFile(good, buildZip([{ name: 'dataset_description.json', data: Buffer.from('{}') }, { name: 'big.bin', data: Buffer.alloc(2 * 1024 * 1024, 1), method: 0 }]));
    const dup = join(dir, 'dup.zip');
    await writeFile(dup, buildZip([{ name: 'a', data: Buffer.from('1') }, { name: 'a', data: Buffer.from('2') }]));
    const many = join(dir, 'many.zip');
    await writeFile(many, buildZip([{ name: 'a', data: Buffer.from('1') }], { zip64: true, declaredEntryCount: 100_000 }));
    const broken = join(dir, 'broken.zip');
    await writeFile(broken, Buffer.from('not a zip at all'));

    expect(await zipEntryNames(good)).toEqual(['dataset_description.json', 'big.bin']);
    await extractZip(good, join(dir, 'out'));
    for (const [zip, code] of [[dup, 'INVALID_PARAMETER_VALUE'], [many, 'ZIP_TOO_LARGE'], [broken, 'INVALID_FILE']] as const) {
      await expect(extractZip(zip, join(dir, `out-${code}`))).rejects.toMatchObject({ code });
    }
    await expect(zipEntryNames(many)).rejects.toMatchObject({ code: 'ZIP_TOO_LARGE' });
    await expect(zipEntryNames(broken)).rejects.toMatchObject({ code: 'INVALID_FILE' });
    expect(openIn(dir)).toEqual([]);
  });
});
