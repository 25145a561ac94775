import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ownerTag, processStartTime } from '../../../pipelines/process-owner';
import { startServe, type ServeProcess } from '../../e2e/support/server';

const running: ServeProcess[] = [];
const made: string[] = [];
afterEach(async () => {
  for (const serve of running.splice(0)) await serve.stop();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Sends the start of a large body and never the rest, as a client cut off mid-upload. */
function halfUpload(url: string, method: string, contentType: string): http.ClientRequest {
  const req = http.request(url, { method, headers: { 'Content-Type': contentType, 'Content-Length': String(50 * 1024 * 1024) } });
  req.on('error', () => {});
  req.write(Buffer.alloc(256 * 1024, 7));
  return req;
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

const list = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

/** A server with two uploads under way (a bundle import and a run artifact) and an unpacked BIDS zip of its own. */
async function busyServer(dataDir?: string) {
  const serve = await startServe(dataDir ? ['--data-dir', dataDir] : []);
  running.push(serve);
  const uploads = path.join(serve.dataDir, 'uploads');
  const partials = path.join(serve.dataDir, 'artifacts', 'tmp');
  const created = await fetch(`${serve.url}api/2.0/mlflow/runs/create`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"experiment_id":"0"}' });
  const runId = ((await created.json()) as { run: { info: { run_id: string } } }).run.info.run_id;
  const requests = [
    halfUpload(`${serve.url}api/bundles/import`, 'POST', 'application/zip'),
    halfUpload(`${serve.url}api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/big.bin`, 'PUT', 'application/octet-stream'),
  ];
  await until('both uploads have scratch files', () => list(uploads).some((n) => n.endsWith('.zip')) && list(partials).some((n) => n.endsWith('.part')));
  // Unpacked BIDS zips are named by their owner (see pipelines/eeg/bids/source.ts), here the server.
  const bids = fs.mkdtempSync(path.join(os.tmpdir(), `neuroops-bids-${serve.child.pid}.${processStartTime(serve.child.pid!)}-`));
  made.push(bids);
  return { serve, uploads, partials, bids, requests };
}

describe('leftover scratch files', () => {
  it('what a server killed with SIGKILL left is removed when the next one starts; a live process\'s stays', async () => {
    const { serve, uploads, partials, bids, requests } = await busyServer();
    const live = fs.mkdtempSync(path.join(os.tmpdir(), `neuroops-bids-${ownerTag()}-`));
    made.push(live);

    serve.child.kill('SIGKILL');
    await serve.stop();
    for (const req of requests) req.destroy();
    // What the issue found: the killed server's scratch is still there.
    expect(list(uploads).filter((n) => n.startsWith('bundle-'))).toHaveLength(1);
    expect(list(partials).filter((n) => n.endsWith('.part'))).toHaveLength(1);
    expect(fs.existsSync(bids)).toBe(true);

    const next = await startServe(['--data-dir', serve.dataDir]);
    running.push(next);
    expect(list(uploads)).toEqual([]);
    expect(list(partials)).toEqual([]);
    expect(fs.existsSync(bids)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect((await fetch(`${next.url}api/health`)).status).toBe(200);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('a server stopped with %s removes its own scratch on the way out', async (signal) => {
    const { serve, uploads, partials, bids, requests } = await busyServer();
    serve.child.kill(signal);
    expect(await serve.exited).toBe(0);
    for (const req of requests) req.destroy();
    expect(list(uploads)).toEqual([]);
    expect(list(partials)).toEqual([]);
    expect(fs.existsSync(bids)).toBe(false);
  });
});
