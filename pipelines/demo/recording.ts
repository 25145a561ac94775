/**
 * One subject's resting-state recording, in µV per channel. The brain part is a
 * mixture of sources seen through smooth scalp topographies (scalp-mixing.ts),
 * as volume conduction makes it: a 1/f background from sources spread over the
 * head, a posterior alpha pair at the subject's peak frequency, a frontal
 * midline theta and a little central beta. Then what the recording adds:
 * site gain, the amplifier's noise floor and muscle tone (independent per channel),
 * 60 Hz line noise, a noisy electrode in some subjects and eye blinks on the frontal channels.
 */
import type { DemoSubject } from './cohort';
import { Gaussian, pinkNoise, rhythm, whiteNoise } from './noise';
import { type Direction, headDirection, mixInto, topographies, upperHeadLattice } from './scalp-mixing';

export const DEMO_CHANNELS = ['Fp1', 'Fp2', 'F7', 'F3', 'Fz', 'F4', 'F8', 'T7', 'C3', 'Cz', 'C4', 'T8', 'P7', 'P3', 'Pz', 'P4', 'P8', 'O1', 'O2'] as const;
export const DEMO_SFREQ = 128;
export const DEMO_SECONDS = 60;
export const DEMO_LINE_HZ = 60;

/**
 * Widths of the topographies, in squared chord units of the unit head sphere
 * (neighbouring 10-20 electrodes are about 0.6 apart): the background sources
 * are seen by their neighbourhood, the rhythms' generators more broadly.
 */
const BACKGROUND_SOURCES = 16;
const BACKGROUND_WIDTH = 1.5;
const ALPHA_WIDTH = 4;
const THETA_WIDTH = 1;
const CENTRAL_WIDTH = 2;
/** The central midline generator, relative to the background. */
const CENTRAL_GAIN = 1.5;
/** Each alpha generator: most of one shared rhythm, a little of its own; at the occipital peak about 0.75 of alphaUv. */
const ALPHA_SHARED = 0.6;
const ALPHA_OWN = 0.45;
/** A loose electrode's broadband noise, µV RMS: strong enough to show, not to saturate. */
const LOOSE_ELECTRODE_UV = 25;
/** Muscle tone: a broad band around 40 Hz. */
const MUSCLE_HZ = 40;
const MUSCLE_WIDTH_HZ = 30;
/** Beta amplitude at C3/C4, µV RMS. */
const BETA_UV = 2;

/** How strongly each channel sees the blink (the eyes are a dipole in front of Fp1/Fp2). */
function blinkWeight(channel: string): number {
  if (/^Fp/i.test(channel)) return 1;
  if (/^F[78]$/i.test(channel)) return 0.35;
  if (/^F/i.test(channel)) return 0.45;
  if (/^(C|T)/i.test(channel)) return 0.05;
  return 0;
}

export interface DemoBlink {
  onsetSeconds: number;
  amplitudeUv: number;
}

/** Two to four blinks, each a 0.4 s positive deflection of 100–180 µV at Fp1/Fp2. */
export function demoBlinks(g: Gaussian, seconds = DEMO_SECONDS): DemoBlink[] {
  const count = 2 + Math.floor(g.uniform() * 3);
  return Array.from({ length: count }, () => ({ onsetSeconds: 2 + g.uniform() * (seconds - 4), amplitudeUv: 100 + g.uniform() * 80 }));
}

function addBlinks(x: Float64Array, blinks: DemoBlink[], weight: number): void {
  const width = Math.round(0.4 * DEMO_SFREQ);
  for (const blink of blinks) {
    const start = Math.round(blink.onsetSeconds * DEMO_SFREQ);
    for (let i = 0; i < width && start + i < x.length; i++) {
      x[start + i]! += weight * blink.amplitudeUv * 0.5 * (1 - Math.cos((2 * Math.PI * i) / width));
    }
  }
}

export interface DemoRecording {
  channels: readonly string[];
  /** µV, one array per channel. */
  data: Float64Array[];
  blinks: DemoBlink[];
}

/** Each channel's weights scaled to unit norm: independent unit sources then give every channel the same RMS. */
function unitRows(weights: number[][]): number[][] {
  return weights.map((row) => {
    const norm = Math.hypot(...row);
    return row.map((w) => w / norm);
  });
}

/** All weights scaled so the channel that sees the generators most sees them with weight 1 in all. */
function unitPeak(weights: number[][]): number[][] {
  const peak = Math.max(...weights.map((row) => Math.abs(row.reduce((a, b) => a + b, 0))));
  return weights.map((row) => row.map((w) => w / peak));
}

/**
 * The brain's part, before the amplifier: a 1/f background from sources spread
 * over the head, a broad central midline 1/f generator, posterior alpha (left
 * and right parieto-occipital generators), frontal midline theta and central
 * beta. Topographies are zero-mean over the head (scalp-mixing.ts), so the
 * average reference keeps every channel's signal, as on a real head.
 */
function brainSignals(subject: DemoSubject, dirs: readonly Direction[], n: number, g: Gaussian): Float64Array[] {
  const brain = dirs.map(() => new Float64Array(n));
  const at = (...names: string[]) => names.map(headDirection);
  const lattice = upperHeadLattice(BACKGROUND_SOURCES);
  mixInto(brain, unitRows(topographies(dirs, lattice, BACKGROUND_WIDTH, true)), lattice.map(() => pinkNoise(n, g)), subject.backgroundUv);
  const shared = rhythm(n, DEMO_SFREQ, subject.alphaHz, 1.2, g);
  const alpha = [0, 1].map(() => {
    const own = rhythm(n, DEMO_SFREQ, subject.alphaHz + g.normal(0, 0.15), 1.2, g);
    return shared.map((v, i) => ALPHA_SHARED * v + ALPHA_OWN * own[i]!);
  });
  mixInto(brain, unitPeak(topographies(dirs, at('PO3', 'PO4'), ALPHA_WIDTH, true)), alpha, subject.alphaUv);
  mixInto(brain, unitPeak(topographies(dirs, at('FCz'), THETA_WIDTH, true)), [rhythm(n, DEMO_SFREQ, 6, 2, g)], subject.thetaUv);
  mixInto(brain, unitPeak(topographies(dirs, at('Cz'), CENTRAL_WIDTH, true)), [pinkNoise(n, g)], CENTRAL_GAIN * subject.backgroundUv);
  const beta = [rhythm(n, DEMO_SFREQ, 19, 6, g), rhythm(n, DEMO_SFREQ, 19, 6, g)];
  mixInto(brain, topographies(dirs, at('C3', 'C4'), BACKGROUND_WIDTH), beta, BETA_UV);
  return brain;
}

/**
 * `seconds` other than the demo's 60 makes longer recordings of the same kind (benchmarks);
 * `channels`, any standard 10-05 names, other montages (the 58 channels of the 58x25 filter).
 */
export function demoRecording(subject: DemoSubject, seconds = DEMO_SECONDS, channels: readonly string[] = DEMO_CHANNELS): DemoRecording {
  const n = DEMO_SFREQ * seconds;
  const g = new Gaussian(subject.seed);
  const brain = brainSignals(subject, channels.map(headDirection), n, g);
  const blinks = demoBlinks(g, seconds);
  const linePhase = g.uniform() * 2 * Math.PI;
  const { site } = subject;
  const data = channels.map((channel, c) => {
    const floor = whiteNoise(n, g);
    const bad = channel === subject.badChannel ? whiteNoise(n, g) : null;
    const muscle = rhythm(n, DEMO_SFREQ, MUSCLE_HZ, MUSCLE_WIDTH_HZ, g);
    const x = brain[c]!;
    for (let i = 0; i < n; i++) {
      x[i] = site.gain * x[i]! + site.noiseFloorUv * floor[i]! + site.muscleUv * muscle[i]! + site.lineUv * Math.sin((2 * Math.PI * DEMO_LINE_HZ * i) / DEMO_SFREQ + linePhase);
      if (bad) x[i]! += LOOSE_ELECTRODE_UV * bad[i]!;
    }
    const blink = blinkWeight(channel);
    if (blink > 0) addBlinks(x, blinks, blink);
    return x;
  });
  return { channels, data, blinks };
}
