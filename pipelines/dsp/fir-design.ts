/**
 * FIR filters designed exactly as MNE 1.3 does for method='fir',
 * phase='zero', fir_window='hamming', fir_design='firwin' (mne/filter.py:
 * create_filter, _triage_filter_params, _firwin_design).
 *
 * Automatic rules (filter_length='auto', trans_bandwidth='auto'):
 * - low edge transition  = min(max(0.25·l_freq, 2), l_freq)
 * - high edge transition = min(max(0.25·h_freq, 2), sfreq/2 − h_freq)
 * - length = ceil(3.3 / narrowest transition · sfreq) samples, made odd.
 * The response is built from one windowed-sinc low-pass per gain step, each
 * as long as its own transition needs, centred and summed.
 */
import { PipelineError } from '../errors';
import { firwinLowpass } from './firwin';
import { hamming } from './windows';

/** Hamming's length factor in MNE (_length_factors). */
const HAMMING_LENGTH_FACTOR = 3.3;

export interface FirFilter {
  /** Odd-length, symmetric coefficients. */
  readonly taps: Float64Array;
  /** Describes the design for reports: edges in Hz, transitions, length. */
  readonly description: string;
}

export function autoLowTransition(lFreq: number): number {
  return Math.min(Math.max(0.25 * lFreq, 2), lFreq);
}

export function autoHighTransition(hFreq: number, sfreq: number): number {
  return Math.min(Math.max(0.25 * hFreq, 2), sfreq / 2 - hFreq);
}

/** Samples for a length in seconds, as MNE's _to_samples then made odd. */
export function autoFilterLength(narrowestTransition: number, sfreq: number): number {
  const seconds = HAMMING_LENGTH_FACTOR / narrowestTransition;
  // MNE formats the seconds as a string ('%ss') and parses it back; the
  // round trip is exact for doubles, so ceil of the product is the same.
  let n = Math.max(Math.ceil(seconds * sfreq), 1);
  n += (n - 1) % 2;
  return n;
}

/**
 * Band-pass (lFreq < hFreq), high-pass (hFreq null) or low-pass (lFreq null),
 * as mne.filter.create_filter(..., l_freq, h_freq) with the defaults above.
 */
export function designBandFilter(sfreq: number, lFreq: number | null, hFreq: number | null): FirFilter {
  const nyq = sfreq / 2;
  if (lFreq !== null && !(lFreq > 0)) throw new PipelineError('INVALID_FILTER', `The high-pass frequency must be above 0 Hz, got ${lFreq}.`);
  if (hFreq !== null && !(hFreq < nyq)) {
    throw new PipelineError('INVALID_FILTER', `The low-pass frequency ${hFreq} Hz must be below the Nyquist frequency (${nyq} Hz).`);
  }
  if (lFreq !== null && hFreq !== null && !(lFreq < hFreq)) {
    throw new PipelineError('INVALID_FILTER', `The band-pass low edge (${lFreq} Hz) must be below its high edge (${hFreq} Hz).`);
  }
  if (lFreq === null && hFreq === null) throw new PipelineError('INVALID_FILTER', 'A filter needs a low or a high edge.');
  const lTrans = lFreq === null ? Infinity : autoLowTransition(lFreq);
  const hTrans = hFreq === null ? Infinity : autoHighTransition(hFreq, sfreq);
  const length = autoFilterLength(Math.min(lTrans, hTrans), sfreq);
  const freq: number[] = [];
  const gain: number[] = [];
  const point = (f: number, g: number): void => {
    freq.push(f);
    gain.push(g);
  };
  if (lFreq !== null) {
    const stop = lFreq - lTrans;
    if (stop !== 0) point(0, 0);
    point(stop, 0);
    point(lFreq, 1);
  } else {
    point(0, 1);
  }
  if (hFreq !== null) {
    const stop = hFreq + hTrans;
    point(hFreq, 1);
    point(stop, 0);
    if (stop !== nyq) point(nyq, 0);
  } else {
    point(nyq, 1);
  }
  const taps = firwinDesign(length, freq, gain, sfreq);
  const edges = [lFreq === null ? null : `high-pass ${lFreq} Hz (transition ${lTrans} Hz)`, hFreq === null ? null : `low-pass ${hFreq} Hz (transition ${hTrans} Hz)`];
  return { taps, description: `${edges.filter(Boolean).join(', ')}; ${length} taps` };
}

/**
 * Notch (band-stop) at each frequency, as mne.filter.notch_filter with
 * method='fir', notch_widths=None (freq/200) and trans_bandwidth=1 Hz.
 */
export function designNotchFilter(sfreq: number, freqs: readonly number[], transBandwidth = 1): FirFilter {
  if (freqs.length === 0) throw new PipelineError('INVALID_FILTER', 'A notch filter needs at least one frequency.');
  const nyq = sfreq / 2;
  const tb2 = transBandwidth / 2;
  const points: Array<[number, number]> = [];
  for (const f of freqs) {
    const width = f / 200;
    const passLow = f - width / 2 - tb2;
    const passHigh = f + width / 2 + tb2;
    if (!(passLow > 0)) throw new PipelineError('INVALID_FILTER', `The notch at ${f} Hz reaches 0 Hz.`);
    if (passHigh > nyq) {
      throw new PipelineError('INVALID_FILTER', `The notch at ${f} Hz reaches past the Nyquist frequency (${nyq} Hz).`);
    }
    points.push([passLow, 1], [passLow + tb2, 0], [passHigh - tb2, 0], [passHigh, 1]);
  }
  points.sort((a, b) => a[0] - b[0]);
  const freq = points.map((p) => p[0]);
  const gain = points.map((p) => p[1]);
  if (freq[0] !== 0) {
    freq.unshift(0);
    gain.unshift(1);
  }
  if (freq[freq.length - 1] !== nyq) {
    freq.push(nyq);
    gain.push(1);
  }
  for (let i = 2; i < gain.length; i++) {
    if (Math.abs(gain[i]! - 2 * gain[i - 1]! + gain[i - 2]!) > 1) {
      throw new PipelineError('INVALID_FILTER', `The notches at ${freqs.join(', ')} Hz are too close to each other.`);
    }
  }
  const length = autoFilterLength(tb2, sfreq);
  const taps = firwinDesign(length, freq, gain, sfreq);
  return { taps, description: `notch at ${freqs.join(', ')} Hz (transition ${transBandwidth} Hz); ${length} taps` };
}

/** MNE's _firwin_design: freq in Hz from 0 to Nyquist, gains 0 or 1. */
function firwinDesign(n: number, freqHz: readonly number[], gain: readonly number[], sfreq: number): Float64Array {
  const nyq = sfreq / 2;
  const freq = freqHz.map((f) => f / nyq);
  const h = new Float64Array(n);
  let prevFreq = freq[freq.length - 1]!;
  let prevGain = gain[gain.length - 1]!;
  if (prevGain === 1) h[n >> 1] = 1;
  for (let i = freq.length - 2; i >= 0; i--) {
    const thisFreq = freq[i]!;
    const thisGain = gain[i]!;
    if (thisGain !== prevGain) {
      const transition = (prevFreq - thisFreq) / 2;
      let thisN = roundHalfEven(HAMMING_LENGTH_FACTOR / transition);
      thisN += 1 - (thisN % 2);
      if (thisN > n) {
        throw new PipelineError('INVALID_FILTER', `A filter of ${n} taps is too short for a ${(transition * nyq).toFixed(2)} Hz transition band (needs ${thisN}).`);
      }
      const lowpass = firwinLowpass(thisN, (prevFreq + thisFreq) / 2, hamming(thisN, true));
      const offset = (n - thisN) >> 1;
      const sign = thisGain === 0 ? -1 : 1;
      for (let k = 0; k < thisN; k++) h[offset + k] = h[offset + k]! + sign * lowpass[k]!;
    }
    prevGain = thisGain;
    prevFreq = thisFreq;
  }
  return h;
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
