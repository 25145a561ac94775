/**
 * Generated scalp EEG for bad-channel tests and the bench: a few sources with
 * 1/f-like spectra and an alpha rhythm, spread over the standard 10-05
 * positions by smooth topographies (so neighbours correlate as on a real
 * head), a component shared by all channels, and a little independent
 * broadband noise per channel. Seeded: the same arguments give the same data.
 */
import { headDirection, topographyWeight, upperHeadLattice } from '../../../../pipelines/demo/scalp-mixing';
import { SeededRandom } from '../../../../pipelines/ml/random';

function gaussian(rng: SeededRandom): number {
  const u = Math.max(rng.nextFloat(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

/** A source time course: 1/f amplitudes over 1-45 Hz, random phases, plus an alpha peak. */
export function sourceSignal(n: number, sfreq: number, rng: SeededRandom, alpha = 1): Float64Array {
  const out = new Float64Array(n);
  const parts: Array<[number, number, number]> = [];
  for (let k = 0; k < 40; k++) {
    const f = 1 + 44 * rng.nextFloat();
    parts.push([f, 6 / f, 2 * Math.PI * rng.nextFloat()]);
  }
  parts.push([9.5 + rng.nextFloat(), 2 * alpha, 2 * Math.PI * rng.nextFloat()]);
  for (const [f, a, phase] of parts) {
    const w = (2 * Math.PI * f) / sfreq;
    for (let i = 0; i < n; i++) out[i] = out[i]! + a * Math.sin(w * i + phase);
  }
  return out;
}

const SOURCES = 24;
const WIDTH = 0.6;

export function syntheticEeg(names: readonly string[], sfreq: number, seconds: number, seed: number): Float32Array[] {
  const rng = new SeededRandom(seed);
  const n = Math.round(sfreq * seconds);
  const unit = names.map(headDirection);
  // Sources spread evenly over the upper head, so every channel sits under some
  // and amplitudes stay alike after re-referencing.
  const sources = upperHeadLattice(SOURCES).map((at) => ({ at, signal: sourceSignal(n, sfreq, rng) }));
  const shared = sourceSignal(n, sfreq, rng, 0.5);
  return unit.map((u) => {
    const x = new Float32Array(n);
    const weights = sources.map((s) => 3 * topographyWeight(u, s.at, WIDTH));
    for (let i = 0; i < n; i++) {
      let v = 1.5 * shared[i]!;
      for (let s = 0; s < sources.length; s++) v += weights[s]! * sources[s]!.signal[i]!;
      x[i] = v;
    }
    // Sensor noise in proportion to the channel's signal, as electrode noise
    // and muscle tone scale with the contact: no clean channel is noisier than another.
    addWhiteNoise(x, 0.05 * rms(x), rng.nextUint32());
    return x;
  });
}

/** Adds independent white noise of standard deviation `sd` µV (broadband: most of it above 50 Hz at 500 Hz). */
export function addWhiteNoise(x: Float32Array, sd: number, seed: number): void {
  const rng = new SeededRandom(seed);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! + sd * gaussian(rng);
}

/** Replaces x by a source of its own, unrelated to every other channel, at a similar amplitude. */
export function replaceWithUnrelated(x: Float32Array, sfreq: number, seed: number): void {
  const own = sourceSignal(x.length, sfreq, new SeededRandom(seed));
  const scale = rms(x) / rms(own);
  for (let i = 0; i < x.length; i++) x[i] = own[i]! * scale;
}

function rms(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! ** 2;
  return Math.sqrt(s / x.length);
}

/** The 64 channels of the 10-10 system used by the tests and the bench. */
export const CHANNELS_64 = [
  'FP1', 'AF7', 'AF3', 'F1', 'F3', 'F5', 'F7', 'FT7', 'FC5', 'FC3', 'FC1', 'C1', 'C3', 'C5', 'T7', 'TP7',
  'CP5', 'CP3', 'CP1', 'P1', 'P3', 'P5', 'P7', 'P9', 'PO7', 'PO3', 'O1', 'IZ', 'OZ', 'POZ', 'PZ', 'CPZ',
  'FPZ', 'FP2', 'AF8', 'AF4', 'AFZ', 'FZ', 'F2', 'F4', 'F6', 'F8', 'FT8', 'FC6', 'FC4', 'FC2', 'FCZ', 'CZ',
  'C2', 'C4', 'C6', 'T8', 'TP8', 'CP6', 'CP4', 'CP2', 'P2', 'P4', 'P6', 'P8', 'P10', 'PO8', 'PO4', 'O2',
];
