import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformDefaultDataDir } from '../../../main/app/data-dir';
import { APP_NAME } from '../../../main/app/version';
import { REPO_ROOT } from '../../e2e/support/server';
import { loadBuilderConfig, targetsOf } from './builder-config';

// electron-builder's own code, run on our configuration where it can be without building:
// the metadata check every build makes, and the .deb/.rpm (fpm) target's required fields.
const require = createRequire(import.meta.url);
const { AppInfo } = require('app-builder-lib/out/appInfo') as { AppInfo: new (info: unknown, buildVersion: null, platformOptions: unknown) => unknown };
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as { default: { prototype: { computeFpmMetaInfoOptions(): Promise<{ url: string; maintainer: string }> } } };
const { checkMetadata } = require('app-builder-lib/out/util/packageMetadata') as { checkMetadata(m: unknown, d: unknown, f: string, df: string): void };

const FPM_TARGETS = new Set(['deb', 'rpm', 'freebsd', 'pacman', 'p5p', 'apk', 'sh', 'zip-fpm']);

describe('electron-builder configuration', () => {
  const { config, pkg } = loadBuilderConfig();

  it('passes the metadata check every build makes, with the description and author it warns about', () => {
    expect(() => checkMetadata(pkg, pkg, 'package.json', 'package.json')).not.toThrow();
    expect(pkg.description).toEqual(expect.any(String));
    expect(pkg.author).toBeTruthy();
  });

  it('gives each fpm target (the Linux .deb) the homepage and maintainer it requires', async () => {
    const fpmTargets = targetsOf(config.linux).filter((t) => FPM_TARGETS.has(t.target));
    expect(fpmTargets.map((t) => t.target)).toContain('deb');
    for (const { target } of fpmTargets) {
      const appInfo = new AppInfo({ config, metadata: pkg, devMetadata: pkg, repositoryInfo: Promise.resolve(null) }, null, config.linux);
      const options = { ...config.linux, ...(config[target] as object | undefined) };
      const fpm = { packager: { appInfo, info: { metadata: pkg } }, options };
      const meta = await FpmTarget.prototype.computeFpmMetaInfoOptions.call(fpm);
      expect(meta.url, target).toMatch(/^https:\/\//);
      expect(meta.maintainer, target).toBeTruthy();
    }
  });

  it('names the app as the data folder does, so Electron and `neuroops serve` share one folder', () => {
    expect(pkg.productName).toBe(APP_NAME);
    expect(config.productName ?? pkg.productName).toBe(APP_NAME);
    // Electron's userData is appData joined with package.json's productName (else its name).
    const electronUserData = (appData: string) => path.join(appData, (pkg.productName ?? pkg.name) as string);
    expect(electronUserData('/home/ana/.config')).toBe(platformDefaultDataDir('linux', {}, '/home/ana'));
    expect(electronUserData('/Users/ana/Library/Application Support')).toBe(platformDefaultDataDir('darwin', {}, '/Users/ana'));
  });

  it('builds only for CPUs onnxruntime-node ships a binary for', () => {
    const binaries = path.join(REPO_ROOT, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
    const platforms = { linux: config.linux, darwin: config.mac, win32: config.win };
    for (const [platform, options] of Object.entries(platforms)) {
      for (const { target, archs } of targetsOf(options)) {
        for (const arch of archs) expect(fs.existsSync(path.join(binaries, platform, arch)), `${platform} ${target} ${arch}`).toBe(true);
      }
    }
    expect(targetsOf(config.mac).flatMap((t) => t.archs)).toEqual(['arm64']);
  });

  it('gives every platform an icon file that exists', () => {
    for (const [platform, options] of Object.entries({ linux: config.linux, mac: config.mac, win: config.win })) {
      expect(options.icon, platform).toBeTruthy();
      expect(fs.existsSync(path.join(REPO_ROOT, options.icon!)), `${platform}: ${options.icon}`).toBe(true);
    }
  });
});
