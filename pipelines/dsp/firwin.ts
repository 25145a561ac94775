/**
 * scipy.signal.firwin for a single low-pass band (pass_zero=True, scale=True):
 * a windowed sinc, scaled to unit gain at DC. `cutoff` is relative to the
 * Nyquist frequency (scipy's default fs=2).
 */
export function firwinLowpass(numtaps: number, cutoff: number, window: Float64Array): Float64Array {
  if (window.length !== numtaps) throw new RangeError('window length must equal numtaps');
  if (!(cutoff > 0 && cutoff < 1)) throw new RangeError(`cutoff must be in (0, 1), got ${cutoff}`);
  const alpha = 0.5 * (numtaps - 1);
  const h = new Float64Array(numtaps);
  let sum = 0;
  for (let i = 0; i < numtaps; i++) {
    const v = cutoff * sinc(cutoff * (i - alpha)) * window[i]!;
    h[i] = v;
    sum += v;
  }
  for (let i = 0; i < numtaps; i++) h[i] = h[i]! / sum;
  return h;
}

/** Normalized sinc, as numpy.sinc: sin(πx)/(πx). */
export function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}
