/**
 * `predict.vectors`: from each recording's features under the model's spec to
 * the vector the model takes. Per recording, in order: the schema check (every
 * feature the model and its harmonization need, by name, finite), ComBat with
 * the model's parameters and its unknown-site rule, the model's features in
 * its order, then the out-of-distribution check against the training rows.
 * A recording that fails a step fails alone, with the reason.
 */
import { isPipelineError } from '../../errors';
import { harmonizationOf, parseCombatParams, checkSameFeatures, type CombatParams } from '../../harmonize';
import type { Table } from '../../eeg/bids/tsv';
import type { RecordingKey, RecordingOutcome } from '../../features/recording-features';
import { parseSpec } from '../../preprocess/spec';
import { defineTask } from '../task';
import { harmonizeRecording } from './harmonize-recording';
import type { PredictModel } from './model-input';
import { oodFlags, type OodFlag } from './ood';
import { featureVector } from './schema-check';

export interface RecordingQuality {
  epochsKept: number;
  epochsTotal: number;
  secondsKept: number;
  interpolatedChannels: string[];
}

export type PreparedRecording = RecordingKey &
  (
    | { ok: true; vector: number[]; harmonized: boolean; warnings: string[]; flags: OodFlag[]; quality: RecordingQuality }
    | { ok: false; error: { code: string; message: string } }
  );

export interface VectorsInput {
  outcomes: RecordingOutcome[];
  participants: Table | null;
  model: PredictModel;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a);
  return [...a, ...b.filter((x) => !seen.has(x))];
}

export function prepareRecording(outcome: RecordingOutcome, participants: Table | null, model: PredictModel, params: CombatParams | null): PreparedRecording {
  const key: RecordingKey = { path: outcome.path, subject: outcome.subject, session: outcome.session, task: outcome.task, run: outcome.run };
  if (!outcome.ok) return { ...key, ok: false, error: outcome.error };
  try {
    const required = params ? union(params.features, model.featureNames) : model.featureNames;
    let values = new Map<string, number>();
    const raw = featureVector(outcome.path, outcome.features, outcome.channels, required);
    required.forEach((name, i) => values.set(name, raw[i]!));
    const warnings: string[] = [];
    if (params) {
      const policy = harmonizationOf(parseSpec(model.spec));
      const harmonized = harmonizeRecording(params, policy, participants, outcome, Float64Array.from(params.features, (f) => values.get(f)!));
      values = new Map(values);
      params.features.forEach((f, i) => values.set(f, harmonized.values[i]!));
      warnings.push(...harmonized.warnings);
    }
    const vector = featureVector(outcome.path, [...values], outcome.channels, model.featureNames);
    const { epochsKept, epochsTotal, secondsKept, interpolatedChannels } = outcome.quality;
    return {
      ...key,
      ok: true,
      vector: Array.from(vector),
      harmonized: params !== null && warnings.length === 0,
      warnings,
      flags: oodFlags(model.featureNames, vector, model.trainingStats),
      quality: { epochsKept, epochsTotal, secondsKept, interpolatedChannels },
    };
  } catch (e) {
    if (isPipelineError(e)) return { ...key, ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}

export const vectorsTask = defineTask<VectorsInput, PreparedRecording[]>({
  name: 'predict.vectors',
  version: '1',
  run({ outcomes, participants, model }, ctx) {
    const params = model.harmonization ? parseCombatParams(model.harmonization, `The harmonization of ${model.name} version ${model.version}`) : null;
    if (params) checkSameFeatures(params, parseSpec(model.spec), `The harmonization of ${model.name} version ${model.version}`);
    const prepared = outcomes.map((o, i) => {
      ctx.progress(i / Math.max(outcomes.length, 1), o.path);
      return prepareRecording(o, participants, model, params);
    });
    for (const p of prepared) if (!p.ok) ctx.logger.warn(p.error.message);
    ctx.log.metric('recordings_ready', prepared.filter((p) => p.ok).length);
    ctx.log.metric('recordings_failed', prepared.filter((p) => !p.ok).length);
    ctx.log.metric('recordings_out_of_distribution', prepared.filter((p) => p.ok && p.flags.length > 0).length);
    return prepared;
  },
});
