/** Text rendering of an inspect report, for `neuroops inspect` without --json. */
import type { DatasetReport, InspectReport, RecordingReport } from './inspect';

/** Annotations listed in the text output unless `--annotations` says otherwise. */
export const DEFAULT_ANNOTATION_LIMIT = 20;

export interface TextOptions {
  /** How many annotations to list: a number, or 'all'. */
  annotations?: number | 'all';
  /** How many the recording has, when the report holds only the first few of them. */
  annotationTotal?: number;
}

export function formatInspectReport(report: InspectReport, options: TextOptions = {}): string {
  return (report.kind === 'recording' ? formatRecording(report, options) : formatDataset(report)).join('\n') + '\n';
}

/** Appends one by one: a spread of 100k lines into push() overflows the stack. */
function append(out: string[], lines: string[]): void {
  for (const l of lines) out.push(l);
}

/** Left-aligned columns, two spaces apart (widths by a loop: a spread of 100k rows overflows the stack). */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h) => h.length);
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

const num = (n: number | null, digits = 3): string => (n === null || !Number.isFinite(n) ? 'n/a' : Number.isInteger(n) ? String(n) : n.toFixed(digits));

function formatRecording(r: RecordingReport, options: TextOptions): string[] {
  const limit = options.annotations ?? DEFAULT_ANNOTATION_LIMIT;
  const shown = limit === 'all' ? r.annotations : r.annotations.slice(0, limit);
  const total = Math.max(options.annotationTotal ?? 0, r.annotations.length);
  const hidden = total - shown.length;
  const out = [
    `File:          ${r.path}`,
    `Format:        ${r.format}`,
    `Sampling rate: ${num(r.samplingRate)} Hz`,
    `Samples:       ${r.sampleCount}`,
    `Duration:      ${num(r.duration)} s`,
    `Start time:    ${r.startTime ?? 'not recorded'}`,
    '',
    `Channels (${r.channels.length}):`,
    ...table(['#', 'name', 'type', 'unit', 'rate (Hz)'], r.channels.map((c, i) => [String(i + 1), c.name, c.type, c.unit || '-', num(c.samplingRate)])),
    '',
    `Annotations (${total}):`,
  ];
  if (shown.length) {
    append(out, table(['onset (s)', 'duration (s)', 'text'], shown.map((a) => [num(a.onset, 4), num(a.duration, 4), a.text])));
  }
  if (hidden > 0) out.push(`  … and ${hidden} more; use --json, or --annotations all to list them here`);
  if (r.warnings.length) {
    out.push('', `Warnings (${r.warnings.length}):`, ...r.warnings.map((w) => `  ${w.code}: ${w.message}`));
  }
  if (r.gaps.length) {
    out.push('', `Discontinuous: ${r.segments.length} segments, gaps:`);
    append(out, table(['at (s)', 'length (s)'], r.gaps.map((g) => [num(g.onset, 4), num(g.duration, 4)])));
  }
  if (r.data) {
    out.push('', dataHeading(r.data.start, r.data.end));
    for (const c of r.data.channels) {
      out.push(`  ${c.name} [${c.unit || '-'}] from sample ${c.firstSample}: ${c.values.map((v) => (v === null ? 'NaN' : String(Number(v.toPrecision(7))))).join(' ')}`);
    }
  }
  return out;
}

export function dataHeading(start: number, end: number): string {
  return `Data, samples ${start}:${end} (physical values; µV for voltage channels):`;
}

function formatDataset(d: DatasetReport): string[] {
  const s = d.summary;
  const out = [
    `Dataset:    ${d.name || '(unnamed)'}  (BIDS ${d.bidsVersion || '?'}, ${d.source} ${d.path})`,
    `Subjects (${d.subjects.length}): ${d.subjects.map((x) => x.id).join(', ') || 'none'}`,
    `Sessions (${d.sessions.length}): ${d.sessions.map((x) => `sub-${x.subject}/ses-${x.session}`).join(', ') || 'none'}`,
    '',
    `Recordings (${s.recordings}, ${s.usable} usable):`,
  ];
  if (d.recordings.length) {
    append(out, table(
      ['path', 'format', 'channels', 'rate (Hz)', 'duration (s)', 'line (Hz)', 'bad', 'usable'],
      d.recordings.map((r) => [
        r.path, r.format ?? '?', num(r.channelCount), num(r.samplingRate), num(r.duration), num(r.powerLineFrequency),
        String(r.badChannels.length), r.usable ? 'yes' : 'NO',
      ]),
    ));
  }
  out.push('', `Findings (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}):`);
  if (d.findings.length) {
    const rows = table(['severity', 'file', 'rule', 'message'], d.findings.map((f) => [f.severity.toUpperCase(), f.file || '(dataset)', f.rule, f.message]));
    out.push(rows[0]!);
    d.findings.forEach((f, i) => {
      out.push(rows[i + 1]!);
      // A finding shared by several recordings (an inherited sidecar) is shown once, with all of them.
      const affected = f.recordings ?? [];
      if (affected.length > 1) {
        out.push(`      affects ${affected.length} recordings:`, ...affected.map((r) => `        ${r}`));
      }
    });
  } else {
    out.push('  none');
  }
  return out;
}
