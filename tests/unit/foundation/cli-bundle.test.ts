/**
 * The command line as it ships: bundled by the main Vite build into dist/electron/cli.js
 * and run by bin/neuroops.mjs while that build is newer than the sources, through tsx
 * from the sources otherwise.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../e2e/support/server';
import { tempDir } from '../../support/temp-dir';

// A copy of the project's layout in a temporary folder: bin/, the build's output, and a
// stand-in for the sources that says it ran, so each test sees which one the bin chose.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-cli-bundle-'));
const source = path.join(root, 'main', 'cli', 'main.ts');
const built = path.join(root, 'dist', 'electron', 'cli.js');

function neuroops(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'neuroops.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function setMtime(file: string, when: Date): void {
  fs.utimesSync(file, when, when);
}

beforeAll(async () => {
  await build({ configFile: path.join(REPO_ROOT, 'vite.main.config.ts'), root: REPO_ROOT, logLevel: 'silent', build: { outDir: path.dirname(built), sourcemap: false } });
  fs.mkdirSync(path.join(root, 'bin'));
  fs.copyFileSync(path.join(REPO_ROOT, 'bin', 'neuroops.mjs'), path.join(root, 'bin', 'neuroops.mjs'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  fs.mkdirSync(path.dirname(source), { recursive: true });
  fs.writeFileSync(source, "export async function main(argv: string[]): Promise<number> {\n  process.stdout.write(`from source: ${argv.join(' ')}\\n`);\n  return 0;\n}\n");
  setMtime(source, new Date(Date.now() - 60_000));
  return () => fs.rmSync(root, { recursive: true, force: true });
}, 120_000);

/** The files cli.js loads before it runs anything: itself and its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  seen.add(file);
  const code = fs.readFileSync(file, 'utf8');
  for (const m of code.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.\/[^"]+)"/gm)) {
    const next = path.join(path.dirname(file), m[1]!);
    if (!seen.has(next)) staticClosure(next, seen);
  }
  return seen;
}

describe('the built command line', () => {
  it('loads little before a command runs: no zod, no core, no pipelines (each command imports what it needs)', () => {
    const files = [...staticClosure(built)];
    const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    const code = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(code).not.toContain('$ZodType');
    expect(code).not.toContain('from "better-sqlite3"');
    expect(bytes).toBeLessThan(120_000);
  });


  it('runs when newer than the sources: --help, every group, and a command on a data folder', () => {
    const help = neuroops(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: neuroops <command>');
    expect(help.stdout).not.toContain('from source');
    for (const group of ['flows', 'runs', 'models', 'users']) {
      const groupHelp = neuroops([group, '--help']);
      expect(groupHelp.code, groupHelp.stderr).toBe(0);
      expect(groupHelp.stdout).toContain(`Usage: neuroops ${group} <command>`);
    }
    const dataDir = tempDir();
    const runs = neuroops(['runs', 'list', '--json', '--data-dir', dataDir]);
    expect(runs.code, runs.stderr).toBe(0);
    expect(JSON.parse(runs.stdout)).toMatchObject({ runs: [] });
    const flows = neuroops(['flows', 'list', '--data-dir', dataDir]);
    expect(flows.stdout).toContain('example_pipeline');
  });

  it('gives way to the sources once one of them is newer than the build, unless told which', () => {
    setMtime(source, new Date(Date.now() + 60_000));
    try {
      expect(neuroops(['--help']).stdout).toBe('from source: --help\n');
      expect(neuroops(['--help'], { NEUROOPS_CLI: 'built' }).stdout).toContain('Usage: neuroops <command>');
    } finally {
      setMtime(source, new Date(Date.now() - 60_000));
    }
    expect(neuroops(['--help'], { NEUROOPS_CLI: 'source' }).stdout).toBe('from source: --help\n');
  });
});
