/**
 * Reading, checking and hashing a preprocessing spec.
 *
 * A spec is refused with an error that names the key at fault
 * (`steps[3].params.hFreq`), so a researcher can fix the file. Its hash is the
 * sha256 of its canonical JSON (keys sorted, no spaces), so the same spec
 * written with another key order or indentation has the same hash.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { PipelineError } from '../errors';

export { canonicalJson };
import { STEP_ORDER, specSchema } from './spec-schema';
import type { PreprocessingSpec, StepName, StepOf } from './spec-schema';

export type { PreprocessingSpec, SpecStep, StepName, StepOf, SpecBand, FeatureFamily } from './spec-schema';
export { SPEC_PRESETS, defaultSpec, isSpecPreset, originalFeatureSetSpec } from './default-spec';
export type { SpecPresetName } from './default-spec';

/** `steps[3].params.hFreq` from zod's path. */
export function keyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(the spec)';
}

function refuse(key: string, message: string): never {
  throw new PipelineError('INVALID_SPEC', `Preprocessing spec: ${key}: ${message}`);
}

/** Parses and checks a spec (an object already read from JSON). */
export function parseSpec(input: unknown): PreprocessingSpec {
  const result = specSchema.safeParse(input);
  if (!result.success) {
    const issue: z.core.$ZodIssue = result.error.issues[0]!;
    refuse(keyPath(issue.path), issue.message);
  }
  const spec = result.data;
  checkStepOrder(spec);
  checkValues(spec);
  return spec;
}

/** Parses a spec from JSON text. */
export function parseSpecJson(text: string, source = 'the spec'): PreprocessingSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new PipelineError('INVALID_SPEC', `${source} is not valid JSON: ${(e as Error).message}`);
  }
  return parseSpec(value);
}

function checkStepOrder(spec: PreprocessingSpec): void {
  let last = -1;
  spec.steps.forEach((s, i) => {
    const at = STEP_ORDER.indexOf(s.name);
    if (at === last) refuse(`steps[${i}].name`, `the step "${s.name}" appears twice.`);
    if (at < last) {
      refuse(`steps[${i}].name`, `"${s.name}" must come before "${STEP_ORDER[last]}" (the order is ${STEP_ORDER.join(', ')}).`);
    }
    last = at;
  });
}

function checkValues(spec: PreprocessingSpec): void {
  spec.steps.forEach((s, i) => {
    if (s.name === 'bandpass' && !(s.params.lFreq < s.params.hFreq)) {
      refuse(`steps[${i}].params.lFreq`, `must be below hFreq (${s.params.hFreq} Hz), got ${s.params.lFreq} Hz.`);
    }
    if (s.name === 'epochs') {
      const { amplitude, spectrum } = s.params.rejection;
      if (!(amplitude.minUv < amplitude.maxUv)) refuse(`steps[${i}].params.rejection.amplitude.minUv`, 'must be below maxUv.');
      spectrum.windows.forEach((w, j) => {
        if (!(w.loHz < w.hiHz)) refuse(`steps[${i}].params.rejection.spectrum.windows[${j}].loHz`, 'must be below hiHz.');
        if (!(w.minDb < w.maxDb)) refuse(`steps[${i}].params.rejection.spectrum.windows[${j}].minDb`, 'must be below maxDb.');
      });
    }
  });
  const names = new Set<string>();
  spec.bands.forEach((b, i) => {
    if (!(b.lo < b.hi)) refuse(`bands[${i}].lo`, `must be below hi (${b.hi} Hz), got ${b.lo} Hz.`);
    if (names.has(b.name)) refuse(`bands[${i}].name`, `the band "${b.name}" appears twice.`);
    names.add(b.name);
  });
  const families = new Set<string>();
  spec.features.forEach((f, i) => {
    if (families.has(f.name)) refuse(`features[${i}].name`, `the family "${f.name}" appears twice.`);
    families.add(f.name);
    if (f.name === 'sl' && !(f.params.w1 < f.params.w2)) refuse(`features[${i}].params.w1`, `must be below w2 (${f.params.w2}), got ${f.params.w1}.`);
    if (f.name === 'crossfreq') {
      f.params.pairs.forEach((p, j) => {
        for (const role of ['phase', 'amplitude'] as const) {
          if (!names.has(p[role])) refuse(`features[${i}].params.pairs[${j}].${role}`, `"${p[role]}" is not one of the spec's bands (${[...names].join(', ')}).`);
        }
      });
    }
  });
  if (enabledStep(spec, 'wica') && !enabledStep(spec, 'ica')) {
    refuse(`steps[${spec.steps.findIndex((s) => s.name === 'wica')}].enabled`, 'wICA cleans independent components: enable the "ica" step before it, or disable "wica".');
  }
  if (spec.features.some((f) => f.enabled) && !enabledStep(spec, 'epochs')) {
    refuse('steps', 'features are computed on epochs: enable the "epochs" step or disable every feature family.');
  }
  const columns = new Set([spec.harmonization?.batch]);
  spec.harmonization?.covariates.forEach((c, i) => {
    if (columns.has(c.column)) refuse(`harmonization.covariates[${i}].column`, `"${c.column}" is already the batch or another covariate.`);
    columns.add(c.column);
  });
}

/** The step of that name when the spec has it and it is enabled. */
export function enabledStep<N extends StepName>(spec: PreprocessingSpec, name: N): StepOf<N> | null {
  const s = spec.steps.find((x) => x.name === name);
  return s && s.enabled ? (s as StepOf<N>) : null;
}

/** 'sha256:<hex>' of the spec's canonical JSON. */
export function specHash(spec: PreprocessingSpec): string {
  return `sha256:${createHash('sha256').update(canonicalJson(spec)).digest('hex')}`;
}
