import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBidsDataset, readRecording } from '../../../pipelines/eeg';
import { repoRoot } from './support/paths';

const DEMO = join(repoRoot, 'resources', 'demo', 'bids');

/** Share of a signal's power between lo and hi Hz, by a plain DFT over whole seconds. */
function bandShare(x: Float32Array, sfreq: number, lo: number, hi: number): number {
  let band = 0;
  let total = 0;
  const n = x.length;
  for (let k = 1; k < n / 2; k++) {
    const f = (k * sfreq) / n;
    if (f < 1.5 || f >= 45) continue;
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += x[i]! * Math.cos((2 * Math.PI * k * i) / n);
      im -= x[i]! * Math.sin((2 * Math.PI * k * i) / n);
    }
    const p = re * re + im * im;
    total += p;
    if (f >= lo && f < hi) band += p;
  }
  return band / total;
}

describe('the bundled demo dataset', () => {
  it('is valid BIDS with six usable recordings in two groups', async () => {
    const dataset = await loadBidsDataset(DEMO);
    // Not even warnings: the demo is what a well-made dataset looks like.
    expect(dataset.findings).toEqual([]);
    expect(dataset.recordings).toHaveLength(6);
    expect(dataset.recordings.every((r) => r.usable)).toBe(true);
  });

  it('differs between groups where it says it does: more posterior alpha in HC than in ACr', async () => {
    const share = async (sub: string): Promise<number> => {
      const recording = await readRecording(join(DEMO, `sub-${sub}`, 'eeg', `sub-${sub}_task-rest_eeg.edf`));
      const o1 = recording.channels.findIndex((c) => c.name === 'EEG O1');
      // Four seconds are enough for the rhythm and keep the plain DFT quick.
      return bandShare(recording.data[o1]!.subarray(0, 4 * 128), 128, 8.5, 12.5);
    };
    const hc = await share('01');
    const acr = await share('04');
    expect(hc).toBeGreaterThan(0.5);
    expect(acr).toBeLessThan(0.45);
  });
});
