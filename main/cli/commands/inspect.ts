import path from 'node:path';
import { formatInspectReport, inspectPath, parseDataRange } from '../../../pipelines/eeg';
import type { CliCommand } from '../command';
import { printResult } from '../command';
import { usageError } from '../usage-error';

export const inspectCommand: CliCommand = {
  path: ['inspect'],
  args: 'PATH',
  summary: 'Describe an EEG recording (EDF, BDF, BrainVision, EEGLAB), a BIDS folder or a zip holding one.',
  options: {
    data: { type: 'string', placeholder: 'START:END', description: "add each channel's values in µV over these sample indices (a recording only)" },
  },
  async run(ctx) {
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1) throw usageError('Give exactly one PATH: a recording file, a BIDS folder or a zip.');
    const range = typeof ctx.values.data === 'string' ? parseDataRange(ctx.values.data) : undefined;
    const report = await inspectPath(path.resolve(target), range ? { dataRange: range } : {});
    printResult(ctx, report, formatInspectReport);
  },
};
