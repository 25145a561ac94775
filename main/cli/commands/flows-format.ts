import type { FlowInfo, FlowRun, LogLine, TaskRun } from '../../contract/executor';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function runDuration(run: Pick<FlowRun, 'startedAt' | 'endedAt' | 'createdAt'>, now = Date.now()): string {
  const start = run.startedAt ?? run.createdAt;
  return formatDuration((run.endedAt ?? now) - start);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function flowsTable(flows: FlowInfo[]): string {
  return table(['NAME', 'VERSION', 'DESCRIPTION'], flows.map((f) => [f.name, f.version, f.description]));
}

export function runsTable(runs: FlowRun[]): string {
  if (runs.length === 0) return 'No flow runs.';
  return table(
    ['FLOW RUN', 'FLOW', 'STATE', 'STARTED', 'DURATION', 'PARAMS'],
    runs.map((r) => [r.flowRunId, r.flowName, r.state, new Date(r.createdAt).toISOString(), runDuration(r), JSON.stringify(r.params)]),
  );
}

export function logLine(line: LogLine, labels: ReadonlyMap<string, string>): string {
  const where = line.taskRunId ? ` [${labels.get(line.taskRunId) ?? line.taskRunId.slice(0, 8)}]` : '';
  return `${new Date(line.at).toISOString()} ${line.level.toUpperCase().padEnd(5)}${where} ${line.message}`;
}

export function taskLine(task: TaskRun): string {
  const attempt = task.attempt > 1 ? ` (attempt ${task.attempt})` : '';
  const message = task.stateMessage ? `: ${task.stateMessage}` : '';
  return `task ${task.label}: ${task.state}${attempt}${message}`;
}

export function runSummary(run: FlowRun): string {
  const lines = [`Flow run ${run.flowRunId} (${run.flowName}) ${run.state} in ${runDuration(run)}.`];
  if (run.stateMessage && run.state !== 'Completed') lines.push(run.stateMessage);
  if (run.trackingRunId) lines.push(`Tracked run: ${run.trackingRunId}`);
  if (run.result !== null && run.result !== undefined) lines.push(`Result: ${JSON.stringify(run.result)}`);
  return lines.join('\n');
}
