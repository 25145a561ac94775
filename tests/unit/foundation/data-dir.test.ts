import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { platformDefaultDataDir, resolveDataDir } from '../../../main/app/data-dir';
import { acquireDataDirLock } from '../../../main/app/data-dir-lock';
import { tempDir } from '../../support/temp-dir';

describe('data folder', () => {
  it('takes --data-dir, then NEUROOPS_HOME, then the platform default', () => {
    expect(resolveDataDir('/a', { NEUROOPS_HOME: '/b' })).toBe(path.resolve('/a'));
    expect(resolveDataDir(undefined, { NEUROOPS_HOME: '/b' })).toBe(path.resolve('/b'));
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(
      process.platform === 'linux' ? path.resolve('/xdg/NeuroOps') : path.resolve(platformDefaultDataDir()),
    );
  });

  it('defaults to where Electron keeps userData on each platform', () => {
    expect(platformDefaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/NeuroOps');
    expect(platformDefaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/NeuroOps');
    expect(platformDefaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toContain('NeuroOps');
  });

  it('lets only one host own a folder, and takes over a lock left by a dead process', async () => {
    const dir = tempDir();
    const first = await createCore({ dataDir: dir, exclusive: true });
    await expect(createCore({ dataDir: dir, exclusive: true })).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE' });
    // One-shot CLI commands may still read alongside the host.
    const reader = await createCore({ dataDir: dir });
    await reader.close();
    await first.close();
    expect(fs.existsSync(path.join(dir, 'neuroops.lock'))).toBe(false);

    const lock = path.join(dir, 'neuroops.lock');
    fs.writeFileSync(lock, '999999999');
    const release = acquireDataDirLock(lock);
    expect(fs.readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid}\nstart=\\d+\ninstance=[0-9a-f]{12}\n$`));
    release();
    expect(fs.existsSync(lock)).toBe(false);
  });
});
