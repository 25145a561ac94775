import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../db/database';
import { invalid, notFound } from '../../core/app-error';
import { ownerTag, ownerTagIn, ownerTagIsAlive } from '../../../pipelines/process-owner';
import { normalizeArtifactPath } from './artifact-path';
import type { RunStore } from './run-store';
import type { ArtifactEntry } from './types';
import type { WriteContext, WriteQueue } from './write-queue';

export type ArtifactSource = Readable | Buffer | Uint8Array | string;

export interface StoredArtifact {
  path: string;
  sha256: string;
  size: number;
}

export interface OpenedArtifact extends StoredArtifact {
  /** The blob on disk; read it, never write it (other runs may share it). */
  file: string;
  stream(): fs.ReadStream;
}

/**
 * Content-addressed artifact blobs under `<artifacts>/sha256/ab/abcdef…`, stored once
 * however many runs hold the same bytes, and one row per (run, path).
 *
 * An upload streams to a temporary file while it is hashed, so no file is ever held in
 * memory whole. The blob is moved into place inside the write queue, which also decides
 * when an unreferenced blob may be deleted: those two never race.
 */
export class ArtifactStore {
  private readonly tmpDir: string;

  constructor(
    private readonly db: Db,
    private readonly runs: RunStore,
    private readonly queue: WriteQueue,
    private readonly root: string,
  ) {
    this.tmpDir = path.join(root, 'tmp');
  }

  /**
   * Removes uploads a crash cut short: at once when the process named in the file is gone
   * (see ownerTag), and, for files named without an owner (older versions), once untouched
   * for `olderThanMs`: a live upload keeps writing (and so touching) its file, so this never
   * races one, even from a second process on the same data folder.
   */
  sweepStaleUploads(olderThanMs = 24 * 60 * 60 * 1000, now = Date.now()): number {
    if (!fs.existsSync(this.tmpDir)) return 0;
    let removed = 0;
    for (const name of fs.readdirSync(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      if (!name.endsWith('.part')) continue;
      const owner = ownerTagIn(name, '');
      const stale = owner === undefined ? now - fs.statSync(file).mtimeMs > olderThanMs : !ownerTagIsAlive(owner);
      if (stale) {
        fs.rmSync(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  blobFile(sha256: string): string {
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256);
  }

  async put(runId: string, artifactPath: string, source: ArtifactSource): Promise<StoredArtifact> {
    const relative = normalizeArtifactPath(artifactPath);
    this.runs.requireActive(runId);
    fs.mkdirSync(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${ownerTag()}-${crypto.randomUUID()}.part`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const hasher = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const input = typeof source === 'string' || source instanceof Uint8Array ? Readable.from([Buffer.from(source)]) : source;
    try {
      await pipeline(input, hasher, fs.createWriteStream(tmp));
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    try {
      return await this.queue.write((ctx) => this.record(ctx, runId, relative, sha256, size, tmp));
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  private record(ctx: WriteContext, runId: string, relative: string, sha256: string, size: number, tmp: string): StoredArtifact {
    const run = this.runs.requireActive(runId);
    const clash = this.db
      .prepare<[number, string], { path: string }>(
        `SELECT path FROM run_artifacts WHERE run_pk = ? AND substr(?, 1, length(path) + 1) = path || '/' LIMIT 1`,
      )
      .get(run.run_pk, relative);
    if (clash) throw invalid(`Cannot store "${relative}": "${clash.path}" is a file in this run, and a file cannot also be a folder.`);
    const underIt = this.db
      .prepare<[number, string, string], { path: string }>(`SELECT path FROM run_artifacts WHERE run_pk = ? AND substr(path, 1, length(?) + 1) = ? || '/' LIMIT 1`)
      .get(run.run_pk, relative, relative);
    if (underIt) throw invalid(`Cannot store "${relative}": it is a folder in this run (it holds "${underIt.path}").`);
    const final = this.blobFile(sha256);
    if (!fs.existsSync(final)) {
      fs.mkdirSync(path.dirname(final), { recursive: true });
      fs.renameSync(tmp, final);
    }
    this.db.prepare('INSERT INTO artifact_blobs (sha256, size, created_time) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(sha256, size, Date.now());
    const previous = this.db
      .prepare<[number, string], { sha256: string }>('SELECT sha256 FROM run_artifacts WHERE run_pk = ? AND path = ?')
      .get(run.run_pk, relative);
    this.db
      .prepare('INSERT INTO run_artifacts (run_pk, path, sha256, size) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET sha256 = excluded.sha256, size = excluded.size')
      .run(run.run_pk, relative, sha256, size);
    if (previous && previous.sha256 !== sha256) this.collect(ctx, [previous.sha256]);
    return { path: relative, sha256, size };
  }

  /** Drops blob rows nobody references, and their files once that is committed. */
  private collect(ctx: WriteContext, hashes: readonly string[]): void {
    const drop = this.db.prepare('DELETE FROM artifact_blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM run_artifacts WHERE sha256 = ?)');
    const stillKnown = this.db.prepare('SELECT 1 FROM artifact_blobs WHERE sha256 = ?');
    for (const sha256 of new Set(hashes)) {
      if (drop.run(sha256, sha256).changes === 0) continue;
      ctx.afterCommit(() => {
        // A later write in the same batch may have stored the same bytes again.
        if (!stillKnown.get(sha256)) fs.rmSync(this.blobFile(sha256), { force: true });
      });
    }
  }

  /** Deletes a file, or a folder and everything under it. */
  delete(runId: string, artifactPath: string): Promise<number> {
    const relative = normalizeArtifactPath(artifactPath);
    return this.queue.write((ctx) => {
      const run = this.runs.requireActive(runId);
      const rows = this.db
        .prepare<[number, string, string, string], { path: string; sha256: string }>(
          `SELECT path, sha256 FROM run_artifacts WHERE run_pk = ? AND (path = ? OR substr(path, 1, length(?) + 1) = ? || '/')`,
        )
        .all(run.run_pk, relative, relative, relative);
      if (rows.length === 0) throw notFound(`No artifact "${relative}" in run ${runId}.`);
      const remove = this.db.prepare('DELETE FROM run_artifacts WHERE run_pk = ? AND path = ?');
      for (const row of rows) remove.run(run.run_pk, row.path);
      this.collect(ctx, rows.map((r) => r.sha256));
      return rows.length;
    });
  }

  /** The direct children of a folder ('' is the root), folders first, then by name. */
  list(runId: string, folder = ''): ArtifactEntry[] {
    const relative = normalizeArtifactPath(folder, { allowRoot: true });
    const run = this.runs.require(runId);
    const prefix = relative === '' ? '' : `${relative}/`;
    const rows = this.db
      .prepare<[number, string, string], { path: string; size: number }>(
        'SELECT path, size FROM run_artifacts WHERE run_pk = ? AND substr(path, 1, length(?)) = ? ORDER BY path',
      )
      .all(run.run_pk, prefix, prefix);
    const entries = new Map<string, ArtifactEntry>();
    for (const row of rows) {
      const rest = row.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) entries.set(rest, { path: row.path, isDir: false, fileSize: row.size });
      else {
        const child = rest.slice(0, slash);
        if (!entries.has(child)) entries.set(child, { path: prefix + child, isDir: true });
      }
    }
    return [...entries.values()].sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.path.localeCompare(b.path));
  }

  open(runId: string, artifactPath: string): OpenedArtifact {
    const relative = normalizeArtifactPath(artifactPath);
    const run = this.runs.require(runId);
    const row = this.db
      .prepare<[number, string], { sha256: string; size: number }>('SELECT sha256, size FROM run_artifacts WHERE run_pk = ? AND path = ?')
      .get(run.run_pk, relative);
    if (!row) {
      const isFolder = this.list(runId, relative).length > 0;
      throw isFolder
        ? invalid(`"${relative}" is a folder in run ${runId}; list it, or download one of its files.`)
        : notFound(`No artifact "${relative}" in run ${runId}.`);
    }
    const file = this.blobFile(row.sha256);
    return { path: relative, sha256: row.sha256, size: row.size, file, stream: () => fs.createReadStream(file) };
  }
}
