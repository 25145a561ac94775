/**
 * Who is in the training demo: 48 subjects, healthy controls (HC) and mild
 * cognitive impairment (MCI), balanced over three sites. The groups differ the
 * way the literature says they do (MCI: a slower, weaker posterior alpha peak and
 * a little more theta), with subject-to-subject spread wide enough that a model
 * gets most of them right, not all. The sites differ in amplifier gain, noise
 * floor, line noise and file format, which is what ComBat is there to remove.
 */
import { Gaussian } from './noise';

/** ACr (at-risk carriers) is the bundled six-subject demo's patient group; it shares MCI's traits. */
export type DemoGroup = 'HC' | 'MCI' | 'ACr';
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
  /** Muscle tone and electrode noise around 25–55 Hz, independent per channel, µV RMS (how relaxed the site gets its subjects). */
  muscleUv: number;
}

export const DEMO_SITES: readonly DemoSite[] = [
  { name: 'siteA', format: 'edf', gain: 1, noiseFloorUv: 0.32, lineUv: 3, muscleUv: 0.5 },
  { name: 'siteB', format: 'brainvision', gain: 1.35, noiseFloorUv: 2, lineUv: 8, muscleUv: 3 },
  { name: 'siteC', format: 'edf', gain: 0.75, noiseFloorUv: 1.2, lineUv: 1.5, muscleUv: 1 },
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
  // MCI and ACr
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

/** The small demo committed in resources/demo/bids: six subjects, two groups, two sites, all EDF+. */
export const BUNDLED_DEMO_SEED = 20240101;

const BUNDLED: Array<Pick<DemoSubject, 'id' | 'group' | 'age' | 'sex' | 'badChannel'> & { site: string }> = [
  { id: '01', group: 'HC', age: 64, sex: 'F', site: 'siteA', badChannel: null },
  { id: '02', group: 'HC', age: 71, sex: 'M', site: 'siteA', badChannel: 'T8' },
  { id: '03', group: 'HC', age: 68, sex: 'F', site: 'siteB', badChannel: null },
  { id: '04', group: 'ACr', age: 66, sex: 'M', site: 'siteA', badChannel: null },
  { id: '05', group: 'ACr', age: 73, sex: 'F', site: 'siteB', badChannel: 'P7' },
  { id: '06', group: 'ACr', age: 69, sex: 'M', site: 'siteB', badChannel: null },
];

/** The bundled demo's subjects: fixed keys and planted bad channels, seeded traits; siteB records EDF+ here too. */
export function bundledDemoCohort(seed = BUNDLED_DEMO_SEED): DemoSubject[] {
  const g = new Gaussian(seed);
  return BUNDLED.map((b) => {
    const site = DEMO_SITES.find((s) => s.name === b.site)!;
    return {
      ...b,
      site: { ...site, format: 'edf' },
      ...groupTraits(b.group, b.age, g),
      backgroundUv: 9 * Math.exp(g.normal(0, 0.2)),
      seed: Math.floor(g.uniform() * 2 ** 31),
    };
  });
}
