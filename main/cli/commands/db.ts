import { printResult, type CliCommand } from '../command';
import { dbStats, vacuumDb, type DbStats } from '../../db/db-stats';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const perUnit = (value: number | null, raw: number | null): string =>
  value === null || raw === null ? 'n/a (none yet)' : `${value.toFixed(1)} bytes (raw minimum ${raw.toFixed(1)}: ${(value / raw).toFixed(1)}×)`;

function statsText(stats: DbStats): string {
  const rows = stats.tables.map(
    (t) => `  ${t.table.padEnd(28)} ${String(t.rows).padStart(12)} rows ${mb(t.tableBytes).padStart(11)} + indexes ${mb(t.indexBytes).padStart(10)}`,
  );
  return [
    `${stats.file}: ${mb(stats.fileBytes)} (+ ${mb(stats.walBytes)} write-ahead log), ${mb(stats.freeBytes)} free (reclaim with "neuroops db vacuum")`,
    ...rows,
    `Per metric point (${stats.metricPoints.count}): ${perUnit(stats.metricPoints.bytesPerPoint, stats.metricPoints.rawBytesPerPoint)}`,
    `Per run (${stats.runs.count}; record, params, tags, latest metrics): ${perUnit(stats.runs.bytesPerRun, stats.runs.rawBytesPerRun)}`,
  ].join('\n');
}

const statsCommand: CliCommand = {
  path: ['db', 'stats'],
  summary: 'Show the database size per table (with indexes), and bytes per metric point and per run against the raw minimum.',
  async run(ctx) {
    const core = await ctx.openCore();
    printResult(ctx, dbStats(core.db), statsText);
  },
};

const vacuumCommand: CliCommand = {
  path: ['db', 'vacuum'],
  summary: 'Compact the database after deletions (rewrites the file; other NeuroOps processes wait meanwhile).',
  async run(ctx) {
    const core = await ctx.openCore();
    if (!ctx.json) ctx.io.stderr('Compacting the database; on a large one this takes a while…\n');
    const result = vacuumDb(core.db);
    printResult(ctx, result, (r) => `Compacted: ${mb(r.beforeBytes)} → ${mb(r.afterBytes)} (${mb(r.beforeBytes - r.afterBytes)} returned to disk).`);
  },
};

export const dbCommands: readonly CliCommand[] = [statsCommand, vacuumCommand];
