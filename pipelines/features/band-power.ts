/**
 * Relative band power from a PSD: the PSD bins with lo ≤ f < hi summed per
 * band, then divided by the sum over all the bands, so the values of one
 * channel add up to 1. The bin width is common to every band and cancels.
 */
export interface Band {
  name: string;
  /** Hz, inclusive. */
  lo: number;
  /** Hz, exclusive. */
  hi: number;
}

/** Absolute power per band (µV²/Hz summed over bins) and its share of the total over the bands. */
export function bandPowers(freqs: Float64Array, psd: Float64Array, bands: readonly Band[]): { absolute: Float64Array; relative: Float64Array } {
  const absolute = new Float64Array(bands.length);
  for (let b = 0; b < bands.length; b++) {
    const { lo, hi } = bands[b]!;
    let sum = 0;
    for (let k = 0; k < freqs.length; k++) {
      const f = freqs[k]!;
      if (f >= lo && f < hi) sum += psd[k]!;
    }
    absolute[b] = sum;
  }
  let total = 0;
  for (const v of absolute) total += v;
  const relative = new Float64Array(bands.length);
  for (let b = 0; b < bands.length; b++) relative[b] = total > 0 ? absolute[b]! / total : NaN;
  return { absolute, relative };
}
