/**
 * The audit chain: registry transitions join it as they happen, predictions
 * append to it, and changing, removing or reordering any record is found by
 * `verify` (and `neuroops audit verify`), which names the first broken record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { migrations } from '../../../main/db/migrations';
import { AuditChain } from '../../../main/services/audit/audit-chain';
import { GENESIS_HASH, recordHash } from '../../../main/services/audit/record-hash';
import { cli } from '../../support/cli';
import { tempDir } from '../../support/temp-dir';
import { openRegistry, type RegistryFixture } from '../registry/support';

let fx: RegistryFixture | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

/** A registry with a promotion, a second promotion, a rollback, a deletion, and two predictions. */
async function trail(): Promise<{ fx: RegistryFixture; chain: AuditChain }> {
  fx = openRegistry({ actor: 'dr.lee' });
  await fx.registerVersion('sleep', { accuracy: 0.8 });
  await fx.registerVersion('sleep', { accuracy: 0.9 });
  fx.registry.promote({ name: 'sleep', version: 1, reason: 'baseline' });
  fx.registry.promote({ name: 'sleep', version: 2, reason: 'better' });
  fx.registry.rollback({ name: 'sleep', reason: 'drift on site B' });
  const chain = new AuditChain(fx.db, '9.9.9');
  chain.append({ kind: 'prediction', at: 1000, actor: 'tech', payload: { label: 'HC', inputs: ['ab12'] } });
  chain.append({ kind: 'prediction', at: 2000, actor: 'tech', payload: { label: 'MCI', inputs: ['cd34'] } });
  fx.registry.deleteModel('sleep', { actor: 'dr.kim', reason: 'study closed' });
  return { fx, chain };
}

/** Tampering as someone with the database file would: the append-only triggers dropped first. */
function tamper(db: RegistryFixture['db'], sql: string): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.exec(sql);
}

describe('the audit chain', () => {
  it('records registry transitions and predictions in one chain, each record pointing to the one before', async () => {
    const { chain } = await trail();
    const records = [...chain.all()];
    expect(records.map((r) => `${r.kind} by ${r.actor}`)).toEqual([
      'registry.promote by dr.lee', 'registry.promote by dr.lee', 'registry.rollback by dr.lee', 'prediction by tech', 'prediction by tech', 'registry.delete by dr.kim',
    ]);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    records.slice(1).forEach((r, i) => expect(r.prevHash).toBe(records[i]!.hash));
    expect(records[2]!.payload).toMatchObject({ model: 'sleep', fromVersion: 2, toVersion: 1, reason: 'drift on site B' });
    expect(records[3]).toMatchObject({ appVersion: '9.9.9', payload: { label: 'HC', inputs: ['ab12'] } });
    expect(chain.verify()).toEqual({ ok: true, records: 6 });
    expect(chain.list({ kind: 'prediction' }).map((r) => r.seq)).toEqual([5, 4]);
    expect(chain.list({ before: 3, limit: 1 }).map((r) => r.seq)).toEqual([2]);
  });

  it('refuses updates and deletes through SQL while its triggers stand', async () => {
    const { fx } = await trail();
    expect(() => fx.db.exec("UPDATE audit_log SET actor = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => fx.db.exec('DELETE FROM audit_log WHERE seq = 6')).toThrow(/append-only/);
  });

  it.each([
    ['a changed output', "UPDATE audit_log SET payload_json = '{\"label\":\"MCI\",\"inputs\":[\"ab12\"]}' WHERE seq = 4", 4, /changed after it was written/],
    ['a changed actor', "UPDATE audit_log SET actor = 'someone' WHERE seq = 2", 2, /changed after it was written/],
    ['a record deleted in the middle', 'DELETE FROM audit_log WHERE seq = 3', 3, /record 3 is missing/],
    ['the last record deleted', 'DELETE FROM audit_log WHERE seq = 6', 6, /records up to 6 were written/],
    ['a record rewritten with a fresh hash', "UPDATE audit_log SET actor = 'x', hash = 'f' || substr(hash, 2) WHERE seq = 5", 5, /changed after it was written/],
  ])('finds %s, and names the record', async (_what, sql, seq, reason) => {
    const { fx, chain } = await trail();
    tamper(fx.db, sql);
    const check = chain.verify();
    expect(check.ok).toBe(false);
    expect(check.firstBroken!.seq).toBe(seq);
    expect(check.firstBroken!.reason).toMatch(reason);
  });

  it('finds a record rewritten with a consistent hash by the link of the record after it', async () => {
    const { fx, chain } = await trail();
    const r = chain.get(4)!;
    // Recompute record 4's hash for a new payload, as a careful forger would: record 5 still points to the old one.
    const hash = recordHash({ ...r, payload: { label: 'MCI', inputs: ['ab12'] } });
    tamper(fx.db, `UPDATE audit_log SET payload_json = '{"label":"MCI","inputs":["ab12"]}', hash = '${hash}' WHERE seq = 4`);
    expect(chain.verify().firstBroken).toEqual({ seq: 5, reason: expect.stringMatching(/does not point to the record before it/) });
  });
});

describe('migration 12 (audit chain)', () => {
  it('puts the transitions recorded before it into the chain, in order, and the chain verifies', () => {
    const file = path.join(tempDir(), 'neuroops.db');
    const before = openDatabase(file, { migrations: migrations.slice(0, 11) });
    before.db.exec(`
      INSERT INTO registered_models (model_pk, name, creation_time, last_updated_time) VALUES (1, 'eeg', 1, 1);
      INSERT INTO model_transitions (model_pk, model_name, kind, from_version, to_version, actor, at, reason, details_json) VALUES
        (1, 'eeg', 'promote', NULL, 1, 'a', 10, 'first', '{}'), (1, 'eeg', 'rollback', 2, 1, 'b', 20, 'oops', '{}');
    `);
    closeDatabase(before.db);
    const after = openDatabase(file);
    try {
      expect(after.migration).toMatchObject({ from: 11, to: migrations.length });
      const chain = new AuditChain(after.db);
      expect([...chain.all()].map((r) => [r.seq, r.kind, r.actor, r.at])).toEqual([[1, 'registry.promote', 'a', 10], [2, 'registry.rollback', 'b', 20]]);
      expect(chain.verify()).toEqual({ ok: true, records: 2 });
      expect(chain.append({ kind: 'prediction', at: 30, actor: 'c', payload: {} }).seq).toBe(3);
    } finally {
      closeDatabase(after.db);
    }
  });
});

describe('neuroops audit', () => {
  it('verify says the chain holds (exit 0) or names the first broken record (exit 1); export writes CSV and JSON', async () => {
    const dataDir = tempDir();
    const { db } = openDatabase(path.join(dataDir, 'neuroops.db'));
    const chain = new AuditChain(db);
    for (let i = 0; i < 3; i++) chain.append({ kind: 'prediction', at: 1000 * i, actor: 'tech', payload: { label: `L${i}`, note: 'a, "quoted" value' } });
    closeDatabase(db);

    const ok = await cli('audit', 'verify', '--data-dir', dataDir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/holds: 3 records/);
    expect(JSON.parse((await cli('audit', 'verify', '--data-dir', dataDir, '--json')).stdout)).toEqual({ ok: true, records: 3 });

    const csvFile = path.join(dataDir, 'audit.csv');
    expect((await cli('audit', 'export', '--data-dir', dataDir, '--out', csvFile)).code).toBe(0);
    const lines = fs.readFileSync(csvFile, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('seq,time,kind,actor,app_version,payload,prev_hash,hash');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('1970-01-01T00:00:00.000Z,prediction,tech');
    const exported = JSON.parse((await cli('audit', 'export', '--data-dir', dataDir, '--format', 'json')).stdout) as Array<{ seq: number; hash: string; prevHash: string }>;
    expect(exported.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(exported[2]!.prevHash).toBe(exported[1]!.hash);
    expect((await cli('audit', 'export', '--data-dir', dataDir, '--format', 'xml')).code).not.toBe(0);

    const reopened = openDatabase(path.join(dataDir, 'neuroops.db'));
    reopened.db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    closeDatabase(reopened.db);
    const broken = await cli('audit', 'verify', '--data-dir', dataDir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/broken at record 2/);
  });
});
