import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeArtifactPath } from '../../../main/services/tracking/artifact-path';
import { createTrackingService } from '../../../main/services/tracking/create-tracking-service';
import { errorCodeOf, openTrackingWithRun, type TrackingFixture } from './support';

let fx: TrackingFixture;
let runId: string;
beforeEach(async () => {
  ({ runId, ...fx } = await openTrackingWithRun());
});
afterEach(() => fx.close());

const blobCount = () => {
  const root = path.join(fx.dir, 'artifacts', 'sha256');
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root).reduce((n, d) => n + fs.readdirSync(path.join(root, d)).length, 0);
};

describe('artifact store', () => {
  it('stores, lists and reads back a tree', async () => {
    await fx.tracking.putArtifact(runId, 'model/MLmodel', 'flavors: {}\n');
    await fx.tracking.putArtifact(runId, 'model/model.onnx', Buffer.from([1, 2, 3]));
    await fx.tracking.putArtifact(runId, 'metrics.json', '{"acc": 0.9}');
    expect(fx.tracking.listArtifacts(runId)).toEqual([
      { path: 'model', isDir: true },
      { path: 'metrics.json', isDir: false, fileSize: 12 },
    ]);
    expect(fx.tracking.listArtifacts(runId, 'model')).toEqual([
      { path: 'model/MLmodel', isDir: false, fileSize: 12 },
      { path: 'model/model.onnx', isDir: false, fileSize: 3 },
    ]);
    const opened = fx.tracking.openArtifact(runId, './model//MLmodel');
    expect(await text(opened.stream())).toBe('flavors: {}\n');
    expect(opened.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores identical bytes once, and drops a blob when no run holds it', async () => {
    const other = (await fx.tracking.createRun({ experimentId: '0' })).runId;
    await fx.tracking.putArtifact(runId, 'a.txt', 'same');
    await fx.tracking.putArtifact(other, 'copy/b.txt', 'same');
    expect(blobCount()).toBe(1);
    await fx.tracking.deleteArtifact(runId, 'a.txt');
    expect(blobCount()).toBe(1);
    await fx.tracking.deleteArtifact(other, 'copy');
    expect(blobCount()).toBe(0);
    expect(fx.tracking.listArtifacts(other)).toEqual([]);
  });

  it('replaces a file in place and collects the old blob', async () => {
    await fx.tracking.putArtifact(runId, 'notes.txt', 'v1');
    await fx.tracking.putArtifact(runId, 'notes.txt', 'v2');
    expect(await text(fx.tracking.openArtifact(runId, 'notes.txt').stream())).toBe('v2');
    expect(blobCount()).toBe(1);
  });

  it('streams a large upload from a stream without holding it whole', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const source = Readable.from((function* () {
      for (let i = 0; i < 20; i += 1) yield chunk;
    })());
    const stored = await fx.tracking.putArtifact(runId, 'big.bin', source);
    expect(stored.size).toBe(20 * 1024 * 1024);
    expect(fs.statSync(fx.tracking.openArtifact(runId, 'big.bin').file).size).toBe(20 * 1024 * 1024);
    expect(fs.readdirSync(path.join(fx.dir, 'artifacts', 'tmp'))).toEqual([]);
  });

  it('refuses a file where a folder is and a folder where a file is', async () => {
    await fx.tracking.putArtifact(runId, 'model/a', 'x');
    expect((await errorCodeOf(fx.tracking.putArtifact(runId, 'model', 'x'))).code).toBe('INVALID_PARAMETER_VALUE');
    expect((await errorCodeOf(fx.tracking.putArtifact(runId, 'model/a/b', 'x'))).code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('answers RESOURCE_DOES_NOT_EXIST for a missing file and INVALID_PARAMETER_VALUE for a folder', async () => {
    await fx.tracking.putArtifact(runId, 'dir/f', 'x');
    expect((await errorCodeOf(() => fx.tracking.openArtifact(runId, 'nope'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await errorCodeOf(() => fx.tracking.openArtifact(runId, 'dir'))).code).toBe('INVALID_PARAMETER_VALUE');
    expect((await errorCodeOf(fx.tracking.deleteArtifact(runId, 'nope'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('refuses uploads to a deleted run', async () => {
    await fx.tracking.deleteRun(runId);
    expect((await errorCodeOf(fx.tracking.putArtifact(runId, 'a', 'x'))).code).toBe('INVALID_PARAMETER_VALUE');
  });
});

describe('artifact paths', () => {
  it.each(['../etc/passwd', 'a/../../b', '/etc/passwd', 'C:/Windows', 'a\\b', 'a\0b', ''])('refuses %j', async (bad) => {
    expect((await errorCodeOf(() => normalizeArtifactPath(bad))).code).toBe('INVALID_PARAMETER_VALUE');
    expect((await errorCodeOf(fx.tracking.putArtifact(runId, bad, 'x'))).code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('normalizes harmless forms', () => {
    expect(normalizeArtifactPath('./a//b/./c')).toBe('a/b/c');
    expect(normalizeArtifactPath('', { allowRoot: true })).toBe('');
  });
});

describe('uploads cut short by a crash', () => {
  it('are swept when untouched for a day, and fresh ones are left alone', () => {
    const tmp = path.join(fx.dir, 'artifacts', 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    const stale = path.join(tmp, 'old.part');
    const fresh = path.join(tmp, 'live.part');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'y');
    const dayAndAHalfAgo = new Date(Date.now() - 36 * 3600 * 1000);
    fs.utimesSync(stale, dayAndAHalfAgo, dayAndAHalfAgo);
    createTrackingService({ db: fx.db, artifactsDir: path.join(fx.dir, 'artifacts') });
    expect(fs.readdirSync(tmp)).toEqual(['live.part']);
  });
});
