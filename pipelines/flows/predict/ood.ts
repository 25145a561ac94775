/**
 * Out-of-distribution flags from the training rows' statistics stored with the
 * model. A feature drives the flag when its value lies outside the range the
 * training rows covered and more than OOD_Z training standard deviations from
 * their mean: both, so a feature that is merely rare (one in a few hundred at
 * |z| > 3 among dozens of features) does not flag every other recording, and a
 * feature with a long tail in training is judged by that tail.
 */
import type { TrainingFeatureStats } from './model-input';

export const OOD_Z = 4;
const MAX_DRIVERS = 5;

export interface DriverFeature {
  name: string;
  value: number;
  mean: number;
  std: number;
  z: number;
}

export interface OodFlag {
  kind: 'out_of_distribution';
  message: string;
  features: DriverFeature[];
}

export function oodFlags(names: readonly string[], vector: ArrayLike<number>, stats: readonly TrainingFeatureStats[]): OodFlag[] {
  const byName = new Map(stats.map((s) => [s.name, s]));
  const drivers: DriverFeature[] = [];
  names.forEach((name, i) => {
    const s = byName.get(name);
    const value = vector[i]!;
    if (!s || !(s.std > 0)) return;
    const z = (value - s.mean) / s.std;
    if (Math.abs(z) > OOD_Z && (value < s.min || value > s.max)) drivers.push({ name, value, mean: s.mean, std: s.std, z });
  });
  if (drivers.length === 0) return [];
  drivers.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  const shown = drivers.slice(0, MAX_DRIVERS);
  const list = shown.map((d) => `${d.name} (z = ${d.z.toFixed(1)})`).join(', ');
  const more = drivers.length > shown.length ? ` and ${drivers.length - shown.length} more` : '';
  return [
    {
      kind: 'out_of_distribution',
      message: `Outside the training data: ${list}${more} lie beyond the training range and more than ${OOD_Z} standard deviations from its mean; treat this prediction with caution.`,
      features: shown,
    },
  ];
}
