import fs from 'node:fs';
import { once } from 'node:events';
import { csvCell } from '../../../pipelines/csv-cell';
import { AuditChain, type AuditRecord } from '../../services/audit/audit-chain';
import { chunkWriter, printResult, type CliCommand } from '../command';
import { usageError } from '../usage-error';

const verifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: 'Check the audit chain (predictions and registry transitions): every hash and every link. Exits 1 at the first broken record.',
  async run(ctx) {
    const core = await ctx.openCore();
    const check = new AuditChain(core.db).verify();
    printResult(ctx, check, (c) =>
      c.ok ? `The audit chain holds: ${c.records} records, every hash and link checked.` : `The audit chain is broken at record ${c.firstBroken!.seq}: ${c.firstBroken!.reason}.`,
    );
    return check.ok ? 0 : 1;
  },
};

const CSV_COLUMNS = ['seq', 'time', 'kind', 'actor', 'app_version', 'payload', 'prev_hash', 'hash'];

function csvRow(r: AuditRecord): string {
  return [String(r.seq), new Date(r.at).toISOString(), r.kind, r.actor, r.appVersion, JSON.stringify(r.payload), r.prevHash, r.hash].map(csvCell).join(',') + '\n';
}

/** The records as CSV or as a JSON array, one record per line, never the whole log in memory. */
async function* exportLines(chain: AuditChain, format: 'csv' | 'json'): AsyncGenerator<string> {
  if (format === 'csv') yield CSV_COLUMNS.join(',') + '\n';
  else yield '[\n';
  let first = true;
  for (const r of chain.all()) {
    yield format === 'csv' ? csvRow(r) : `${first ? '' : ',\n'}${JSON.stringify(r)}`;
    first = false;
  }
  if (format === 'json') yield first ? ']\n' : '\n]\n';
}

const exportCommand: CliCommand = {
  path: ['audit', 'export'],
  summary: 'Write the whole audit chain out, oldest first, with each record\'s hashes (to check it elsewhere).',
  options: {
    format: { type: 'string', placeholder: 'csv|json', description: 'csv (default) or json' },
    out: { type: 'string', placeholder: 'FILE', description: 'write to FILE instead of standard output' },
  },
  supportsJson: false,
  async run(ctx) {
    const format = (ctx.values.format as string | undefined) ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw usageError(`--format must be csv or json, not "${format}"`);
    const core = await ctx.openCore();
    const chain = new AuditChain(core.db);
    const out = ctx.values.out as string | undefined;
    if (!out) {
      const write = chunkWriter(ctx.io);
      const encoder = new TextEncoder();
      for await (const line of exportLines(chain, format)) await write(encoder.encode(line));
      return;
    }
    // Written beside the target and renamed, so a failed export leaves no half file.
    const partial = `${out}.partial`;
    const file = fs.createWriteStream(partial);
    try {
      for await (const line of exportLines(chain, format)) if (!file.write(line)) await once(file, 'drain');
      file.end();
      await once(file, 'finish');
      fs.renameSync(partial, out);
    } catch (error) {
      file.destroy();
      fs.rmSync(partial, { force: true });
      throw error;
    }
    ctx.io.stderr(`Wrote the audit chain to ${out}.\n`);
  },
};

export const auditCommands: readonly CliCommand[] = [verifyCommand, exportCommand];
