/**
 * What `npm ci` warns about, checked on the installed tree: every package's engines admit
 * this Node (npm's EBADENGINE), and every package with an install script is either approved
 * or denied in package.json's allowScripts (npm 11's "not covered by allowScripts").
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../e2e/support/server';

const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } };

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
  hasInstallScript?: boolean;
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([where]) => where.startsWith('node_modules/') && existsSync(path.join(REPO_ROOT, where)));
const nameOf = (where: string) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('a clean install prints no warnings of ours', () => {
  it('every installed package supports this Node and the oldest Node we declare', () => {
    const oldest = semver.minVersion(pkg.engines.node).version;
    const refused = installed
      .filter(([, entry]) => typeof (entry.engines as { node?: string } | undefined)?.node === 'string')
      .filter(([, entry]) => {
        const range = (entry.engines as { node: string }).node;
        return !semver.satisfies(process.version, range) || !semver.satisfies(oldest, range);
      })
      .map(([where, entry]) => `${nameOf(where)}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    expect(installed.length).toBeGreaterThan(100);
    expect(refused).toEqual([]);
  });

  it('every package with an install script is approved or denied in allowScripts', () => {
    const withScripts = installed.filter(([, entry]) => entry.hasInstallScript).map(([where]) => nameOf(where));
    expect(withScripts).toContain('better-sqlite3');
    expect(withScripts.filter((name) => !(name in pkg.allowScripts))).toEqual([]);
    // better-sqlite3 must build or fetch its binary; Electron's download is skipped by
    // ELECTRON_SKIP_BINARY_DOWNLOAD, not by a denial, so machines that can fetch it still do.
    expect(pkg.allowScripts['better-sqlite3']).toBe(true);
    expect(pkg.allowScripts.electron).toBe(true);
  });

  it('electron-builder still finds a native rebuilder it can load on this Node', () => {
    const fromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));
    const rebuild = fromBuilder('@electron/rebuild') as { rebuild?: unknown };
    expect(typeof rebuild.rebuild).toBe('function');
  });
});
