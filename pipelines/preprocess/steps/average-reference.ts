/** Step 5: re-reference every sample to the mean over the channels. */
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

export function averageReference(state: EegState, step: StepOf<'average_reference'>): StepResult {
  const { data } = state;
  const n = data[0]?.length ?? 0;
  const c = data.length;
  const block = 4096;
  const mean = new Float64Array(block);
  // In blocks of samples, so the sums stay in cache and no channel is copied.
  for (let start = 0; start < n; start += block) {
    const len = Math.min(block, n - start);
    mean.fill(0);
    // Four channels per pass over `mean` (sums and subtraction): a quarter of its loads and stores.
    let ch = 0;
    for (; ch + 4 <= c; ch += 4) {
      const [x0, x1, x2, x3] = [data[ch]!, data[ch + 1]!, data[ch + 2]!, data[ch + 3]!];
      for (let i = 0; i < len; i++) {
        const t = start + i;
        mean[i] = mean[i]! + x0[t]! + x1[t]! + x2[t]! + x3[t]!;
      }
    }
    for (; ch < c; ch++) {
      const x = data[ch]!;
      for (let i = 0; i < len; i++) mean[i] = mean[i]! + x[start + i]!;
    }
    for (let i = 0; i < len; i++) mean[i] = mean[i]! / c;
    for (ch = 0; ch + 4 <= c; ch += 4) {
      const [x0, x1, x2, x3] = [data[ch]!, data[ch + 1]!, data[ch + 2]!, data[ch + 3]!];
      for (let i = 0; i < len; i++) {
        const t = start + i;
        const m = mean[i]!;
        x0[t] = x0[t]! - m;
        x1[t] = x1[t]! - m;
        x2[t] = x2[t]! - m;
        x3[t] = x3[t]! - m;
      }
    }
    for (; ch < c; ch++) {
      const x = data[ch]!;
      for (let i = 0; i < len; i++) x[start + i] = x[start + i]! - mean[i]!;
    }
  }
  return { state, report: { step: 'average_reference', summary: `${step.params.method} of ${c} channels`, details: { method: step.params.method, channels: c } } };
}
