/**
 * Who is in the training demo: 48 subjects, healthy controls (HC) and mild
 * cognitive impairment (MCI), balanced over three sites. The groups differ the
 * way the literature says they do (MCI: a slower, weaker posterior alpha peak and
 * a little more theta), with subject-to-subject spread wide enough that a model
 * gets most of them right, not all. The sites differ in amplifier gain, noise
 * floor, line noise and file format, which is what ComBat is there to remove.
 */
import { Gaussian } from './noise';

export type DemoGroup = 'HC' | 'MCI';
export type DemoFormat = 'edf' | 'brainvision';

export interface DemoSite {
  name: string;
  format: DemoFormat;
  /** Amplifier gain relative to the true signal. */
  gain: number;
  /** White noise added by the amplifier and electrodes, µV RMS. */
  noiseFloorUv: number;
  /** 60 Hz line interference amplitude, µV. */
  lineUv: number;
}

export const DEMO_SITES: readonly DemoSite[] = [
  { name: 'siteA', format: 'edf', gain: 1, noiseFloorUv: 0.8, lineUv: 3 },
  { name: 'siteB', format: 'brainvision', gain: 1.35, noiseFloorUv: 5, lineUv: 8 },
  { name: 'siteC', format: 'edf', gain: 0.75, noiseFloorUv: 3, lineUv: 1.5 },
];

export interface DemoSubject {
  id: string;
  group: DemoGroup;
  site: DemoSite;
  age: number;
  sex: 'F' | 'M';
  /** Posterior alpha peak frequency, Hz. */
  alphaHz: number;
  /** Alpha amplitude at the occipital channels, µV RMS. */
  alphaUv: number;
  /** Frontal theta amplitude, µV RMS. */
  thetaUv: number;
  /** 1/f background amplitude, µV RMS. */
  backgroundUv: number;
  /** The one channel that is bad in this recording (noisy), if any. */
  badChannel: string | null;
  /** Seed of this subject's signals. */
  seed: number;
}

export const DEMO_SUBJECT_COUNT = 48;
export const DEMO_SEED = 20240611;

const BAD_CANDIDATES = ['T7', 'T8', 'F8', 'P7', 'C4'];

function groupTraits(group: DemoGroup, age: number, g: Gaussian): Pick<DemoSubject, 'alphaHz' | 'alphaUv' | 'thetaUv'> {
  // Alpha slows by about 0.02 Hz a year in later life, in both groups.
  const ageShift = -0.02 * (age - 68);
  if (group === 'HC') {
    return { alphaHz: g.normal(10.2, 0.7) + ageShift, alphaUv: 14 * Math.exp(g.normal(0, 0.35)), thetaUv: 4 * Math.exp(g.normal(0, 0.3)) };
  }
  return { alphaHz: g.normal(8.9, 0.7) + ageShift, alphaUv: 9 * Math.exp(g.normal(0, 0.35)), thetaUv: 5.2 * Math.exp(g.normal(0, 0.3)) };
}

/** The cohort, the same on every machine for a seed. */
export function demoCohort(seed = DEMO_SEED, count = DEMO_SUBJECT_COUNT): DemoSubject[] {
  const g = new Gaussian(seed);
  const subjects: DemoSubject[] = [];
  for (let i = 0; i < count; i++) {
    const site = DEMO_SITES[i % DEMO_SITES.length]!;
    const group: DemoGroup = Math.floor(i / DEMO_SITES.length) % 2 === 0 ? 'HC' : 'MCI';
    const age = Math.round(g.normal(group === 'HC' ? 66 : 71, 6));
    const sex = g.uniform() < 0.55 ? 'F' : 'M';
    const traits = groupTraits(group, age, g);
    const bad = g.uniform() < 0.2 ? BAD_CANDIDATES[Math.floor(g.uniform() * BAD_CANDIDATES.length)]! : null;
    subjects.push({
      id: String(i + 1).padStart(2, '0'),
      group,
      site,
      age,
      sex,
      ...traits,
      backgroundUv: 9 * Math.exp(g.normal(0, 0.2)),
      badChannel: bad,
      seed: Math.floor(g.uniform() * 2 ** 31),
    });
  }
  return subjects;
}
