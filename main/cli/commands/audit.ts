import { AuditChain } from '../../services/audit/audit-chain';
import { auditExportLines } from '../../services/audit/audit-export';
import { writeExportFile } from '../../services/export/write-export-file';
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
      for await (const line of auditExportLines(chain, format)) await write(encoder.encode(line));
      return;
    }
    await writeExportFile(out, auditExportLines(chain, format));
    ctx.io.stderr(`Wrote the audit chain to ${out}.\n`);
  },
};

export const auditCommands: readonly CliCommand[] = [verifyCommand, exportCommand];
