import { csvCell } from '../../../pipelines/csv-cell';
import type { AuditChain, AuditRecord } from './audit-chain';

/** The audit chain written out, for `neuroops audit export` and GET /api/audit/export.csv alike. */

const CSV_COLUMNS = ['seq', 'time', 'kind', 'actor', 'app_version', 'payload', 'prev_hash', 'hash'];

function csvRow(r: AuditRecord): string {
  return [String(r.seq), new Date(r.at).toISOString(), r.kind, r.actor, r.appVersion, JSON.stringify(r.payload), r.prevHash, r.hash].map(csvCell).join(',') + '\n';
}

/** The records, oldest first, as CSV or as a JSON array, one record per line, never the whole log in memory. */
export async function* auditExportLines(chain: AuditChain, format: 'csv' | 'json'): AsyncGenerator<string> {
  if (format === 'csv') yield CSV_COLUMNS.join(',') + '\n';
  else yield '[\n';
  let first = true;
  for (const r of chain.all()) {
    yield format === 'csv' ? csvRow(r) : `${first ? '' : ',\n'}${JSON.stringify(r)}`;
    first = false;
  }
  if (format === 'json') yield first ? ']\n' : '\n]\n';
}
