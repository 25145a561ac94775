import type { Migration } from '../migrate';
import { GENESIS_HASH, recordHash } from '../../services/audit/record-hash';
import { transitionPayload } from '../../services/audit/transition-record';
import type { TransitionRecordRow } from '../../services/audit/transition-record';
import { APP_VERSION } from '../../app/version';

/**
 * One append-only, hash-chained audit log for the clinical trail: predictions and the
 * registry's transitions (promotion, rollback, stage, alias, deletion, gate). Each record
 * holds the previous record's hash; triggers refuse updates and deletes, and AUTOINCREMENT
 * keeps the highest sequence number ever used, so a record removed from the end shows too.
 * The transitions recorded before this step join the chain first, in their order.
 */
export const auditChain: Migration = {
  version: 12,
  name: 'audit chain',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        app_version TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_log_by_kind ON audit_log (kind, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
    const rows = db.prepare<[], TransitionRecordRow>('SELECT * FROM model_transitions ORDER BY transition_id').all();
    const insert = db.prepare('INSERT INTO audit_log (seq, kind, at, actor, app_version, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    let prevHash = GENESIS_HASH;
    rows.forEach((t, i) => {
      const payload = transitionPayload(t);
      const body = { seq: i + 1, kind: `registry.${t.kind}`, at: t.at, actor: t.actor, appVersion: APP_VERSION, payload, prevHash };
      const hash = recordHash(body);
      insert.run(body.seq, body.kind, body.at, body.actor, body.appVersion, JSON.stringify(payload), prevHash, hash);
      prevHash = hash;
    });
  },
};
