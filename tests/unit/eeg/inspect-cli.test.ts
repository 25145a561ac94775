import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { recordingsDir, tinyBids } from './support/paths';

async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, commands, { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

describe('neuroops inspect', () => {
  it('describes a recording as JSON, with values over a sample range', async () => {
    const file = join(recordingsDir, 'edf', 'test_generator_2.edf');
    const result = await cli('inspect', file, '--data', '0:4', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ kind: 'recording', format: 'EDF+', samplingRate: 200, sampleCount: 120000, duration: 600 });
    expect(report.channels).toHaveLength(11);
    expect(report.annotations[0]).toMatchObject({ onset: 0, text: 'RECORD START' });
    expect(report.data.channels[0].values).toHaveLength(4);
  });

  it('describes a BIDS dataset as text, with its recordings and findings', async () => {
    const result = await cli('inspect', tinyBids);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Subjects (1): sub-01');
    expect(result.stdout).toContain('sub-01_ses-eeg_task-rest_eeg.vhdr');
    expect(result.stdout).toMatch(/Findings \(0 errors/);
  });

  it('reports a missing file and a bad range on stderr with a non-zero exit', async () => {
    const missing = await cli('inspect', join(recordingsDir, 'no-such.edf'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not found: .*no-such\.edf \[FILE_NOT_FOUND\]/);
    const badRange = await cli('inspect', join(recordingsDir, 'edf', 'test_reduced.edf'), '--data', '9:3');
    expect(badRange.code).toBe(1);
    expect(badRange.stderr).toContain('[INVALID_ARGUMENT]');
    const noPath = await cli('inspect');
    expect(noPath.code).toBe(1);
    expect(noPath.stderr).toContain('Give exactly one PATH');
  });
});
