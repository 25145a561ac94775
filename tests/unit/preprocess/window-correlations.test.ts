/**
 * The robust reference re-runs the correlation criterion on the low-passed
 * channels minus one reference after another, from cross-products kept per
 * window. Its verdicts must be those of correlating the re-referenced channels
 * directly, window by window, including flat (dropout) windows.
 */
import { describe, expect, it } from 'vitest';
import { prepLowpass } from '../../../pipelines/preprocess/bad-channels/hf-lowpass';
import { correlationWindows, windowGram } from '../../../pipelines/preprocess/bad-channels/window-correlations';
import { CHANNELS_64, replaceWithUnrelated, syntheticEeg } from './support/synthetic-eeg';

const SFREQ = 250;
const W = SFREQ; // 1-s windows, as the default spec
const NAMES = CHANNELS_64.filter((_, i) => i % 3 === 0);

function meanReference(data: readonly Float32Array[], skip: number): Float64Array {
  const n = data[0]!.length;
  const out = new Float64Array(n);
  data.forEach((x, c) => {
    if (c !== skip) for (let i = 0; i < n; i++) out[i] = out[i]! + x[i]!;
  });
  for (let i = 0; i < n; i++) out[i] = out[i]! / (data.length - 1);
  return out;
}

function minus(data: readonly Float32Array[], reference: Float64Array): Float32Array[] {
  return data.map((x) => Float32Array.from(x, (v, i) => v - reference[i]!));
}

describe('correlation windows from kept cross-products', () => {
  const data = syntheticEeg(NAMES, SFREQ, 120, 4);
  const unrelated = NAMES.indexOf(NAMES[5]!);
  replaceWithUnrelated(data[unrelated]!, SFREQ, 11);
  // A dropout: two seconds of one channel flat.
  data[2]!.fill(3, 40 * SFREQ, 42 * SFREQ);
  const low = prepLowpass(data, SFREQ);
  const gram = windowGram(low, W)!;
  const all = NAMES.map((_, c) => c);

  it('without a reference, gives exactly the direct verdicts', () => {
    const direct = correlationWindows(low, W, 0.4, 1e-9);
    const kept = correlationWindows(low, W, 0.4, 1e-9, { gram, channels: all, reference: null });
    expect(kept).toEqual(direct);
    expect(direct.lowCorrelation[unrelated]).toBeGreaterThan(direct.count / 2);
    expect(direct.dropout[2]).toBeGreaterThan(0);
  });

  it('with a reference, and on a subset of the channels, gives the verdicts of the re-referenced channels', () => {
    const reference = meanReference(data, unrelated);
    const lowReference = prepLowpass([Float32Array.from(reference)], SFREQ)[0]!;
    const lowReferenced = minus(low, Float64Array.from(lowReference));
    const subset = all.filter((c) => c !== 7);
    const direct = correlationWindows(subset.map((c) => lowReferenced[c]!), W, 0.4, 1e-9);
    const kept = correlationWindows(subset.map((c) => lowReferenced[c]!), W, 0.4, 1e-9, { gram, channels: subset, reference: Float64Array.from(lowReference) });
    expect(kept.count).toBe(direct.count);
    expect(Array.from(kept.dropout)).toEqual(Array.from(direct.dropout));
    expect(Array.from(kept.lowCorrelation)).toEqual(Array.from(direct.lowCorrelation));
    expect(kept.lowCorrelation[subset.indexOf(unrelated)]).toBeGreaterThan(kept.count / 10); // verdicts that differ between channels are compared
  });

  it('keeps no cross-products where they would be too large to hold', () => {
    const many = Array.from({ length: 600 }, () => new Float32Array(600 * 250));
    expect(windowGram(many, 250)).toBeNull();
  });
});
