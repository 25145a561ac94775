/**
 * The low-pass PREP splits each channel with (signal below ~50 Hz, the rest
 * is "high-frequency noise"). PREP designs it by frequency sampling: order
 * 100, desired gain 1 up to 45 Hz and 0 from 50 Hz (shape-preserving cubic
 * between, on a 513-point grid), linear phase, inverse FFT, Hamming window;
 * and applies it forwards and backwards. Forward-backward with h equals one
 * zero-phase pass with h∗h (h is symmetric), which is how it is applied here,
 * by FFT overlap-add (pipelines/dsp), with MNE's edge padding in place of
 * filtfilt's; the two differ only in the first and last ~0.5 s.
 */
import { filterZeroPhase } from '../../dsp';

const ORDER = 100;
const GRID = 512;

/** The order-100 low-pass kernel (101 taps) for a sampling rate above 100 Hz. */
export function prepLowpassKernel(sfreq: number): Float64Array {
  const passEnd = Math.round((GRID * 90) / sfreq); // 45 Hz on the 0…Nyquist grid
  const stopStart = Math.round((GRID * 100) / sfreq); // 50 Hz
  const gain = new Float64Array(GRID + 1);
  for (let k = 0; k <= GRID; k++) {
    if (k <= passEnd) gain[k] = 1;
    else if (k < stopStart) {
      // The monotone cubic through (passEnd, 1) and (stopStart, 0): both end slopes are zero.
      const t = (k - passEnd) / (stopStart - passEnd);
      gain[k] = 1 - 3 * t * t + 2 * t * t * t;
    }
  }
  // Real part of the inverse FFT of the linear-phase spectrum (delay ORDER/2), first ORDER+1 samples.
  const size = 2 * GRID;
  const kernel = new Float64Array(ORDER + 1);
  for (let n = 0; n <= ORDER; n++) {
    const shift = n - ORDER / 2;
    let s = gain[0]! + gain[GRID]! * Math.cos(Math.PI * shift);
    for (let k = 1; k < GRID; k++) if (gain[k] !== 0) s += 2 * gain[k]! * Math.cos((2 * Math.PI * k * shift) / size);
    const hammingN = 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / ORDER);
    kernel[n] = (s / size) * hammingN;
  }
  return kernel;
}

/** h∗h: the kernel of one zero-phase pass equal to filtering forwards and backwards with h. */
export function forwardBackwardKernel(h: Float64Array): Float64Array {
  const out = new Float64Array(2 * h.length - 1);
  for (let i = 0; i < h.length; i++) for (let j = 0; j < h.length; j++) out[i + j] = out[i + j]! + h[i]! * h[h.length - 1 - j]!;
  return out;
}

/** Low-passed copies of the channels (plain copies at 100 Hz or less, where PREP does not filter). */
export function prepLowpass(data: readonly Float32Array[], sfreq: number): Float32Array[] {
  const copies = data.map((x) => Float32Array.from(x));
  if (sfreq > 100) filterZeroPhase(copies, forwardBackwardKernel(prepLowpassKernel(sfreq)));
  return copies;
}
