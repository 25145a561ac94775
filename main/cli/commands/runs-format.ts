import type { Output } from '../../contract';

type ApiRun = Output<'tracking.getRun'>;

const time = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));
const value = (v: number | string): string => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : v);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

/** One line per run: id, name, status, start, and its first few metrics. */
export function runsTable(data: { runs: ApiRun[]; nextPageToken?: string }): string {
  if (data.runs.length === 0) return 'No runs match.';
  const rows = [['RUN ID', 'NAME', 'STATUS', 'STARTED', 'METRICS']];
  for (const run of data.runs) {
    const metrics = run.data.metrics.slice(0, 3).map((m) => `${m.key}=${value(m.value)}`).join(' ');
    rows.push([run.info.runId, run.info.runName, run.info.status, time(run.info.startTime), metrics]);
  }
  const more = data.nextPageToken ? `\n(more runs match; narrow the filter, or use --json and page)` : '';
  return `${table(rows)}${more}`;
}

/** A run in full: info, then params, latest metrics and tags, one section each. */
export function runDetail(run: ApiRun): string {
  const section = (title: string, pairs: Array<[string, string]>): string[] =>
    pairs.length === 0 ? [] : ['', `${title}:`, ...pairs.map(([k, v]) => `  ${k} = ${v}`)];
  const { info } = run;
  return [
    `Run ${info.runId} "${info.runName}"`,
    `  experiment ${info.experimentId}, ${info.status}, ${info.lifecycleStage}`,
    `  started ${time(info.startTime)}, ended ${time(info.endTime)}`,
    `  artifacts ${info.artifactUri}`,
    ...section('Params', run.data.params.map((p) => [p.key, p.value])),
    ...section('Metrics (latest)', run.data.metrics.map((m) => [m.key, `${value(m.value)} (step ${m.step})`])),
    ...section('Tags', run.data.tags.map((t) => [t.key, t.value])),
  ].join('\n');
}
