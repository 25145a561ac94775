import type { Output } from '../../contract';

type ModelList = Output<'registry.listModels'>;
type ModelDetail = Output<'registry.getModel'>;
type Transitions = Output<'registry.history'>['transitions'];
type AuditEntries = Output<'registry.audit'>['transitions'];
type TransitionResult = Output<'registry.promote'>;

const when = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const num = (v: number): string => String(Number(v.toPrecision(6)));
const metricsText = (metrics: Record<string, number> | null, most = 4): string =>
  metrics ? Object.entries(metrics).slice(0, most).map(([k, v]) => `${k}=${num(v)}`).join(' ') : '';

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

/** One line per model: its production version and that version's first metrics. */
export function modelsTable(data: ModelList): string {
  if (data.models.length === 0) return 'No registered models yet. Register one from a run, or import a bundle with "neuroops models import FILE.zip".';
  const rows = [['NAME', 'VERSIONS', 'PRODUCTION', 'METRICS (production)']];
  for (const m of data.models) rows.push([m.name, String(m.versionCount), m.production ? `v${m.production.version}` : '-', metricsText(m.production?.metrics ?? null)]);
  return columns(rows);
}

export function modelDetail(data: ModelDetail): string {
  const { model, versions } = data;
  const header = [
    `Model ${model.name}${model.description ? `: ${model.description}` : ''}`,
    model.gate ? `  promotion gate: ${model.gate.metric}, ${model.gate.direction} is better` : '  promotion gate: none',
    ...model.tags.map((t) => `  tag ${t.key} = ${t.value}`),
  ];
  if (versions.length === 0) return [...header, '', 'No versions yet.'].join('\n');
  const rows = [['VERSION', 'STAGE', 'ALIASES', 'STATUS', 'RUN', 'CREATED']];
  for (const v of versions) rows.push([String(v.version), v.currentStage, v.aliases.join(',') || '-', v.status, v.runId ?? '-', when(v.creationTimestamp)]);
  return [...header, '', columns(rows)].join('\n');
}

function transitionLine(t: Transitions[number]): string {
  const from = t.fromVersion === null ? 'none' : `v${t.fromVersion}`;
  const to = t.toVersion === null ? 'none' : `v${t.toVersion}`;
  const move = t.kind === 'stage' ? `v${t.toVersion} ${t.fromStage} -> ${t.toStage}` : t.kind === 'gate' ? `(production ${to})` : `${from} -> ${to}`;
  const gate = t.gate ? `\n    gate ${t.gate.metric}: ${t.gate.candidate ?? 'missing'} vs ${t.gate.production ?? 'missing'}${t.gate.passed ? ' passed' : ` failed, overridden: ${t.gate.overrideReason ?? ''}`}` : '';
  const metrics = t.metrics.from || t.metrics.to ? `\n    metrics before: ${metricsText(t.metrics.from) || '-'} | after: ${metricsText(t.metrics.to) || '-'}` : '';
  return `${when(t.at)}  ${t.kind.padEnd(8)} ${move}  by ${t.actor}\n    ${t.reason}${gate}${metrics}`;
}

export function historyText(data: { transitions: Transitions }): string {
  return data.transitions.length === 0 ? 'No transitions yet: nothing has been promoted.' : data.transitions.map(transitionLine).join('\n');
}

export function transitionText(result: TransitionResult): string {
  return `${result.version.name} version ${result.version.version} is now in production.\n${transitionLine(result.transition)}`;
}

/** The registry-wide trail: each line names its model, and says when the model has been deleted since. */
export function auditText(data: { transitions: AuditEntries }): string {
  if (data.transitions.length === 0) return 'The audit trail is empty: no model has been promoted, moved or deleted yet.';
  return data.transitions.map((t) => `${t.name}${t.modelDeleted ? ' (deleted)' : ''}  ${transitionLine(t)}`).join('\n');
}
