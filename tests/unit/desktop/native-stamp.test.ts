import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentTarget, rebuildReason, writeStamp } from '../../../scripts/native-stamp.mjs';
import { tempDir } from '../../support/temp-dir';

// scripts/start-electron.mjs rebuilds the Electron copy of better-sqlite3 when this says why.
describe('the Electron build of better-sqlite3', () => {
  const built = (): string => {
    const dir = tempDir('neuroops-native-');
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), 'binary');
    return dir;
  };

  it('is built when missing', () => {
    expect(rebuildReason(tempDir('neuroops-native-'), currentTarget('41.7.1', '12.6.2'))).toBe('it has not been built yet');
  });

  it('is rebuilt when nothing records what it was built for (a build from before the stamp)', () => {
    expect(rebuildReason(built(), currentTarget('41.7.1', '12.6.2'))).toBe('it does not record which Electron it was built for');
  });

  it('is rebuilt after an Electron or better-sqlite3 upgrade, and kept otherwise', () => {
    const dir = built();
    writeStamp(dir, currentTarget('41.7.1', '12.6.2'));
    expect(rebuildReason(dir, currentTarget('41.7.1', '12.6.2'))).toBeNull();
    expect(rebuildReason(dir, currentTarget('42.0.0', '12.6.2'))).toBe('it was built for electron 41.7.1, and this is 42.0.0');
    expect(rebuildReason(dir, currentTarget('41.7.1', '12.7.0'))).toBe('it was built for betterSqlite3 12.6.2, and this is 12.7.0');
  });

  it('is what start-electron.mjs and build-native-electron.mjs use', () => {
    const root = path.resolve(import.meta.dirname, '..', '..', '..', 'scripts');
    expect(fs.readFileSync(path.join(root, 'start-electron.mjs'), 'utf8')).toMatch(/rebuildReason\('build\/native\/electron'/);
    expect(fs.readFileSync(path.join(root, 'build-native-electron.mjs'), 'utf8')).toMatch(/writeStamp\(outDir/);
  });
});
