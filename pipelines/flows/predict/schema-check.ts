/**
 * The model's feature schema against one recording's features: every feature the
 * model (and its harmonization) needs must be there, by name, with a finite value.
 * A recording that cannot give them fails with the channels it lacks and the
 * features that need them. Nothing is ever zero-filled: the original platform
 * filled 548 of 625 missing features with zeros and its predictions meant nothing.
 */
import { PipelineError } from '../../errors';
import { listSome } from '../../harmonize/input';

/** The channel (or component, or pair `A-B`) a column is about: `power_Fp1_Alpha` → `Fp1`. */
export function spaceOf(column: string): string {
  const first = column.indexOf('_');
  const last = column.lastIndexOf('_');
  return first >= 0 && last > first ? column.slice(first + 1, last) : column;
}

/** The channels a missing column needs that the recording lacks (both ends of a pair). */
function absentChannels(column: string, present: ReadonlySet<string>): string[] {
  const space = spaceOf(column);
  if (present.has(space)) return [];
  const dash = space.indexOf('-');
  if (dash > 0) {
    const ends = [space.slice(0, dash), space.slice(dash + 1)];
    const absent = ends.filter((c) => !present.has(c));
    if (absent.length) return absent;
  }
  return [space];
}

/**
 * Values of `required` in that order, from a recording's (name, value) pairs and its
 * channels after preprocessing. Throws FEATURE_SCHEMA_MISMATCH naming the missing
 * channels and features, or NON_FINITE_FEATURE naming the features without a value.
 */
export function featureVector(label: string, features: ReadonlyArray<readonly [string, number]>, channels: readonly string[], required: readonly string[]): Float64Array {
  const values = new Map(features);
  const missing = required.filter((name) => !values.has(name));
  if (missing.length) {
    const present = new Set(channels);
    const absent = [...new Set(missing.flatMap((m) => absentChannels(m, present)))];
    const what = absent.length === 1 ? `channel ${absent[0]} missing` : `channels ${listSome(absent, 10)} missing`;
    throw new PipelineError(
      'FEATURE_SCHEMA_MISMATCH',
      `${label}: ${what}; the model needs ${absent.length === 1 ? 'it' : 'them'} for ${missing.length} of its features (${listSome(missing, 4)}). ` +
        'Nothing was filled in: record with the channels the model was trained on, or use a model trained without them.',
    );
  }
  const out = Float64Array.from(required, (name) => values.get(name)!);
  const bad = required.filter((_, i) => !Number.isFinite(out[i]!));
  if (bad.length) {
    throw new PipelineError('NON_FINITE_FEATURE', `${label}: ${bad.length} feature(s) have no finite value (${listSome(bad, 4)}), so the recording cannot be predicted; check it for flat or saturated channels.`);
  }
  return out;
}
