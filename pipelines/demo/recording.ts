/**
 * One subject's resting-state recording, in µV per channel: a 1/f background per
 * channel, a posterior alpha rhythm (partly shared across channels, as a real
 * generator is seen by several electrodes), frontal theta, a little beta, then
 * what the recording adds: site gain, a noise floor, 60 Hz line noise, a noisy
 * channel in some subjects and eye blinks on the frontal channels.
 */
import type { DemoSubject } from './cohort';
import { Gaussian, pinkNoise, rhythm, whiteNoise } from './noise';

export const DEMO_CHANNELS = ['Fp1', 'Fp2', 'F7', 'F3', 'Fz', 'F4', 'F8', 'T7', 'C3', 'Cz', 'C4', 'T8', 'P7', 'P3', 'Pz', 'P4', 'P8', 'O1', 'O2'] as const;
export const DEMO_SFREQ = 128;
export const DEMO_SECONDS = 60;
export const DEMO_LINE_HZ = 60;

/** How strongly each channel sees the posterior alpha and the frontal theta. */
function topography(channel: string): { alpha: number; theta: number; blink: number } {
  if (/^O/.test(channel)) return { alpha: 1, theta: 0.3, blink: 0 };
  if (/^P/.test(channel)) return { alpha: 0.8, theta: 0.4, blink: 0 };
  if (/^(C|T)/.test(channel)) return { alpha: 0.45, theta: 0.7, blink: 0.05 };
  if (/^Fp/.test(channel)) return { alpha: 0.2, theta: 0.8, blink: 1 };
  return { alpha: 0.25, theta: 1, blink: /^F[78]$/.test(channel) ? 0.35 : 0.45 };
}

export interface DemoBlink {
  onsetSeconds: number;
  amplitudeUv: number;
}

/** Two to four blinks, each a 0.4 s positive deflection of 100–180 µV at Fp1/Fp2. */
export function demoBlinks(g: Gaussian): DemoBlink[] {
  const count = 2 + Math.floor(g.uniform() * 3);
  return Array.from({ length: count }, () => ({ onsetSeconds: 2 + g.uniform() * (DEMO_SECONDS - 4), amplitudeUv: 100 + g.uniform() * 80 }));
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

export function demoRecording(subject: DemoSubject): DemoRecording {
  const n = DEMO_SFREQ * DEMO_SECONDS;
  const g = new Gaussian(subject.seed);
  const sharedAlpha = rhythm(n, DEMO_SFREQ, subject.alphaHz, 1.2, g);
  const blinks = demoBlinks(g);
  const linePhase = g.uniform() * 2 * Math.PI;
  const { site } = subject;
  const data = DEMO_CHANNELS.map((channel) => {
    const w = topography(channel);
    const background = pinkNoise(n, g);
    const ownAlpha = rhythm(n, DEMO_SFREQ, subject.alphaHz + g.normal(0, 0.15), 1.2, g);
    const theta = rhythm(n, DEMO_SFREQ, 6, 2, g);
    const beta = rhythm(n, DEMO_SFREQ, 19, 6, g);
    const floor = whiteNoise(n, g);
    const bad = channel === subject.badChannel ? whiteNoise(n, g) : null;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const brain =
        subject.backgroundUv * background[i]! +
        subject.alphaUv * w.alpha * (0.6 * sharedAlpha[i]! + 0.4 * ownAlpha[i]!) +
        subject.thetaUv * w.theta * theta[i]! +
        2 * beta[i]!;
      x[i] = site.gain * brain + site.noiseFloorUv * floor[i]! + site.lineUv * Math.sin((2 * Math.PI * DEMO_LINE_HZ * i) / DEMO_SFREQ + linePhase);
      // A loose electrode: broadband noise, strong enough to show, not to saturate.
      if (bad) x[i]! += 18 * bad[i]!;
    }
    if (w.blink > 0) addBlinks(x, blinks, w.blink);
    return x;
  });
  return { channels: DEMO_CHANNELS, data, blinks };
}
