/**
 * The append-only, hash-chained audit log (migration 12): every prediction and
 * every registry transition, each record holding its predecessor's hash.
 * `verify` walks the chain and names the first record that does not fit.
 */
import type { Db } from '../../db/database';
import { APP_VERSION } from '../../app/version';
import { GENESIS_HASH, recordHash, type AuditRecordBody } from './record-hash';

export interface AuditRecord extends AuditRecordBody {
  hash: string;
}

export interface NewAuditRecord {
  kind: string;
  at: number;
  actor: string;
  payload: unknown;
}

export interface ChainCheck {
  ok: boolean;
  records: number;
  /** The first record that does not fit, and why; absent when the chain holds. */
  firstBroken?: { seq: number; reason: string };
}

interface AuditRow {
  seq: number;
  kind: string;
  at: number;
  actor: string;
  app_version: string;
  payload_json: string;
  prev_hash: string;
  hash: string;
}

const toRecord = (r: AuditRow): AuditRecord => ({
  seq: r.seq, kind: r.kind, at: r.at, actor: r.actor, appVersion: r.app_version, payload: JSON.parse(r.payload_json) as unknown, prevHash: r.prev_hash, hash: r.hash,
});

export interface AuditQuery {
  kind?: string;
  /** Records with a sequence number below this one (paging back). */
  before?: number;
  limit?: number;
}

export class AuditChain {
  constructor(private readonly db: Db, private readonly appVersion = APP_VERSION) {}

  /** Appends a record after the current last one; call inside the transaction of the change it records. */
  append(entry: NewAuditRecord): AuditRecord {
    return this.db.transaction(() => {
      const last = this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
      const used = this.db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get();
      const seq = Math.max(last?.seq ?? 0, used?.seq ?? 0) + 1;
      const body = { seq, kind: entry.kind, at: entry.at, actor: entry.actor, appVersion: this.appVersion, payload: entry.payload, prevHash: last?.hash ?? GENESIS_HASH };
      const hash = recordHash(body);
      this.db
        .prepare('INSERT INTO audit_log (seq, kind, at, actor, app_version, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(seq, body.kind, body.at, body.actor, body.appVersion, JSON.stringify(body.payload), body.prevHash, hash);
      return { ...body, hash };
    })();
  }

  get(seq: number): AuditRecord | null {
    const row = this.db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?').get(seq);
    return row ? toRecord(row) : null;
  }

  /** Newest first. */
  list(query: AuditQuery = {}): AuditRecord[] {
    const rows = this.db
      .prepare<[string | null, string | null, number, number], AuditRow>(
        'SELECT * FROM audit_log WHERE (? IS NULL OR kind = ?) AND seq < ? ORDER BY seq DESC LIMIT ?',
      )
      .all(query.kind ?? null, query.kind ?? null, query.before ?? Number.MAX_SAFE_INTEGER, query.limit ?? 100);
    return rows.map(toRecord);
  }

  /** Every record, oldest first, without holding them all. */
  *all(): Generator<AuditRecord> {
    for (const row of this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate()) yield toRecord(row);
  }

  /**
   * Recomputes every hash and link. A changed field breaks that record's hash; a removed
   * record breaks its successor's link or leaves a gap in the sequence; a removed last
   * record leaves the highest sequence number ever used (sqlite_sequence) beyond the end.
   */
  verify(): ChainCheck {
    let prev: AuditRecord | null = null;
    let records = 0;
    const broken = (seq: number, reason: string): ChainCheck => ({ ok: false, records, firstBroken: { seq, reason } });
    for (const r of this.all()) {
      records += 1;
      const expectedSeq: number = prev ? prev.seq + 1 : 1;
      if (r.seq !== expectedSeq) return broken(expectedSeq, `record ${expectedSeq} is missing (the next one is ${r.seq})`);
      const expectedPrev = prev?.hash ?? GENESIS_HASH;
      if (r.prevHash !== expectedPrev) return broken(r.seq, `record ${r.seq} does not point to the record before it (prev_hash ${r.prevHash.slice(0, 12)}…, expected ${expectedPrev.slice(0, 12)}…)`);
      if (recordHash(r) !== r.hash) return broken(r.seq, `record ${r.seq} was changed after it was written (its hash does not match its content)`);
      prev = r;
    }
    const used = this.db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get()?.seq ?? 0;
    const last = prev?.seq ?? 0;
    if (used > last) return broken(last + 1, `record ${last + 1} is missing: records up to ${used} were written, the log ends at ${last}`);
    return { ok: true, records };
  }
}
