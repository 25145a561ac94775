import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../e2e/support/server';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

export type TargetEntry = string | { target: string; arch?: string[] };
export interface PlatformConfig {
  target: TargetEntry[];
  icon?: string;
  maintainer?: string;
  [key: string]: unknown;
}
export interface BuilderConfig {
  productName?: string;
  asarUnpack: string[];
  directories: { buildResources: string };
  linux: PlatformConfig;
  mac: PlatformConfig;
  win: PlatformConfig;
  [key: string]: unknown;
}

/** electron-builder.yml and package.json as electron-builder reads them. */
export function loadBuilderConfig(): { config: BuilderConfig; pkg: Record<string, unknown> } {
  const config = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  return { config, pkg };
}

/** Each configured target with the CPU architectures it builds (electron-builder builds x64 when none is given). */
export function targetsOf(platform: PlatformConfig): Array<{ target: string; archs: string[] }> {
  return platform.target.map((entry) => (typeof entry === 'string' ? { target: entry, archs: ['x64'] } : { target: entry.target, archs: entry.arch ?? ['x64'] }));
}
