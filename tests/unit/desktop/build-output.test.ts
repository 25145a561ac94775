import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { outsideAsar } from '../../../main/services/executor/asar-unpacked';
import { REPO_ROOT } from '../../e2e/support/server';
import { tempDir } from '../../support/temp-dir';
import { loadBuilderConfig } from './builder-config';

// The main-process bundle as `npm run build:electron` makes it, read chunk by chunk.
type OutputChunk = Rollup.OutputChunk;
let chunks: Map<string, OutputChunk>;

beforeAll(async () => {
  const outDir = tempDir('neuroops-electron-output-');
  const result = (await build({ configFile: path.join(REPO_ROOT, 'vite.main.config.ts'), root: REPO_ROOT, logLevel: 'silent', build: { outDir, sourcemap: false } })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(result) ? result.flatMap((r) => r.output) : result.output;
  chunks = new Map(outputs.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
}, 120_000);

/**
 * The bundle files and bare packages a chunk loads: at start (static imports, transitively),
 * or, with `dynamic`, ever (dynamic imports too).
 */
function closure(entry: string, dynamic: boolean): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (name: string): void => {
    if (files.has(name)) return;
    files.add(name);
    const chunk = chunks.get(name)!;
    for (const imported of dynamic ? [...chunk.imports, ...chunk.dynamicImports] : chunk.imports) {
      if (chunks.has(imported)) visit(imported);
      else packages.add(imported);
    }
  };
  visit(entry);
  return { files, packages };
}

/** The npm package a bare specifier names; null for Node's own modules, with or without "node:". */
const packageName = (specifier: string): string | null =>
  specifier.startsWith('node:') || builtinModules.includes(specifier) || !/^[@a-z]/.test(specifier)
    ? null
    : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('the Electron main bundle', () => {
  it('does not load onnxruntime-node when the app starts, only when a model is opened', () => {
    const atStart = closure('main.js', false);
    expect([...atStart.packages]).not.toContain('onnxruntime-node');
    expect([...atStart.packages]).toEqual(expect.arrayContaining(['electron', 'better-sqlite3']));
    expect([...chunks.values()].some((c) => c.dynamicImports.includes('onnxruntime-node'))).toBe(true);
  });

  it('ships the executor worker, its chunks and every package it imports unpacked from app.asar', () => {
    const { asarUnpack } = loadBuilderConfig().config;
    const unpacked = (file: string) => asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true }));
    const worker = closure('executor-worker.js', true);
    for (const file of worker.files) expect(unpacked(`dist/electron/${file}`), file).toBe(true);
    // From app.asar.unpacked, a package resolves only if it and everything it requires are unpacked too.
    const needed = new Set<string>();
    const need = (name: string): void => {
      if (needed.has(name)) return;
      needed.add(name);
      const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      for (const dependency of Object.keys(manifest.dependencies ?? {})) need(dependency);
    };
    for (const specifier of worker.packages) {
      const name = packageName(specifier);
      if (name && name !== 'electron') need(name);
    }
    for (const name of needed) expect(unpacked(`node_modules/${name}/package.json`), `package ${name}`).toBe(true);
  });
});

describe('starting the worker from app.asar.unpacked', () => {
  const exists = (file: string) => file.includes('app.asar.unpacked');

  it('swaps the archive for its unpacked twin in an installed app, on any platform', () => {
    expect(outsideAsar('/opt/NeuroOps/resources/app.asar/dist/electron/executor-worker.js', exists)).toBe('/opt/NeuroOps/resources/app.asar.unpacked/dist/electron/executor-worker.js');
    expect(outsideAsar('C:\\Program Files\\NeuroOps\\resources\\app.asar\\dist\\electron\\executor-worker.js', exists)).toBe(
      'C:\\Program Files\\NeuroOps\\resources\\app.asar.unpacked\\dist\\electron\\executor-worker.js',
    );
  });

  it('leaves a path outside an archive alone, and one whose unpacked copy is missing', () => {
    expect(outsideAsar('/home/ana/neuroops/dist/electron/executor-worker.js', exists)).toBe('/home/ana/neuroops/dist/electron/executor-worker.js');
    expect(outsideAsar('/home/ana/my.app.asar.notes/executor-worker.js', exists)).toBe('/home/ana/my.app.asar.notes/executor-worker.js');
    expect(outsideAsar('/opt/NeuroOps/resources/app.asar/dist/electron/executor-worker.js', () => false)).toBe('/opt/NeuroOps/resources/app.asar/dist/electron/executor-worker.js');
  });
});
