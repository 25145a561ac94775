import path from 'node:path';
import type { InspectFormat } from '../../../pipelines/eeg/inspect-output';
import type { CliCommand } from '../command';
import { chunkWriter } from '../command';
import { usageError } from '../usage-error';

const FORMATS: readonly InspectFormat[] = ['text', 'json', 'csv', 'npy'];

export const inspectCommand: CliCommand = {
  path: ['inspect'],
  args: 'PATH',
  summary: 'Describe an EEG recording (EDF, BDF, BrainVision, EEGLAB), a BIDS folder or a zip holding one.',
  options: {
    data: { type: 'string', placeholder: 'START:END', description: "add each channel's values in µV over these sample indices (a recording only)" },
    format: {
      type: 'string', placeholder: 'FORMAT',
      description: 'text (default), json (as --json), or, with --data, only the samples: csv (a row per sample) or npy (float32, channels × samples)',
    },
    annotations: { type: 'string', placeholder: 'N|all', description: 'how many annotations the text output lists (default 20)' },
  },
  async run(ctx) {
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1) throw usageError('Give exactly one PATH: a recording file, a BIDS folder or a zip.');
    // The EEG readers load when inspecting, not for --help or any other command.
    const { parseDataRange } = await import('../../../pipelines/eeg');
    const { writeInspection } = await import('../../../pipelines/eeg/inspect-output');
    const range = typeof ctx.values.data === 'string' ? parseDataRange(ctx.values.data) : undefined;
    const format = formatOption(ctx.values.format, ctx.json);
    const annotations = annotationsOption(ctx.values.annotations);
    await writeInspection(path.resolve(target), { format, annotations, ...(range ? { dataRange: range } : {}) }, chunkWriter(ctx.io));
  },
};

function formatOption(value: unknown, json: boolean): InspectFormat {
  if (value === undefined) return json ? 'json' : 'text';
  if (!FORMATS.includes(value as InspectFormat)) throw usageError(`--format must be one of ${FORMATS.join(', ')}, not "${String(value)}".`);
  if (json && value !== 'json') throw usageError(`--json and --format ${String(value)} disagree: give one of them.`);
  return value as InspectFormat;
}

function annotationsOption(value: unknown): number | 'all' | undefined {
  if (value === undefined || value === 'all') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw usageError(`--annotations takes a whole number or "all", not "${String(value)}".`);
  return n;
}
