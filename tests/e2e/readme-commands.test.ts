/**
 * The README's quick start, run as written and in order: `npm run serve` (its command from
 * package.json), then the `npx neuroops …` commands the README suggests, in a shell. What
 * they did must be what the served interface shows, read through the same HTTP API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/server';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** A user's machine: a home of its own, no NEUROOPS_HOME, no XDG_CONFIG_HOME; every default applies. */
function userEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home, APPDATA: path.join(home, 'AppData', 'Roaming') };
  delete env.NEUROOPS_HOME;
  delete env.XDG_CONFIG_HOME;
  return env;
}

/** The quick start's `npx neuroops …` commands, in the order the README gives them. */
function quickStartCommands(): string[] {
  const section = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('### This platform'));
  return [...section.matchAll(/`(npx neuroops [^`]+)`/g)].map((m) => m[1]!);
}

async function post<T>(url: string, name: string, input: unknown): Promise<T> {
  const response = await fetch(`${url}api/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${name}: ${JSON.stringify(json)}`);
  return json;
}

describe("the README's commands act on the data the interface shows", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-home-'));
  let server: ChildProcess | undefined;

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('npm run serve, then npx neuroops inspect and flows run: the served API lists the flow run and its tracked run', async () => {
    // `npm run serve` builds the renderer, then runs this command (the e2e project has built it already).
    const serveLine = pkg.scripts.serve!.split('&&').at(-1)!.trim().split(/\s+/);
    expect(serveLine.slice(0, 3)).toEqual(['node', 'bin/neuroops.mjs', 'serve']);
    // --open would start a browser on a developer's desktop; the test reads the API instead.
    // --port 0 keeps it off port 5001, which a developer's own server may hold.
    const args = [...serveLine.slice(1).filter((a) => a !== '--open'), '--port', '0'];
    server = spawn(process.execPath, args, { cwd: REPO_ROOT, env: userEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
      server!.stdout!.on('data', () => {
        const match = /serving (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });

    const commands = quickStartCommands();
    expect(commands).toEqual(['npx neuroops inspect resources/demo/bids', 'npx neuroops flows run example_pipeline']);
    for (const command of commands) {
      const result = spawnSync('sh', ['-c', command], { cwd: REPO_ROOT, env: userEnv(home), encoding: 'utf8', timeout: 120_000 });
      expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
    }

    const info = await post<{ dataDir: string }>(url, 'system.info', {});
    expect(info.dataDir.startsWith(home)).toBe(true);
    const flowRuns = await post<Array<{ flowName: string; state: string; trackingRunId: string | null }>>(url, 'executor.listFlowRuns', {});
    expect(flowRuns.map((r) => [r.flowName, r.state])).toEqual([['example_pipeline', 'Completed']]);
    const experiments = await post<{ experiments: Array<{ experimentId: string }> }>(url, 'tracking.searchExperiments', {});
    const runs = await post<{ runs: Array<{ info: { runId: string } }> }>(url, 'tracking.searchRuns', {
      experimentIds: experiments.experiments.map((e) => e.experimentId),
    });
    expect(runs.runs.map((r) => r.info.runId)).toContain(flowRuns[0]!.trackingRunId);
  });
});
