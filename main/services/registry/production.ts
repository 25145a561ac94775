import { AppError, invalid } from '../../core/app-error';
import type { ModelRow } from './model-rows';
import type { RegistryContext } from './registry-context';
import { PRODUCTION_ALIAS, type GateOutcome, type MetricSnapshot, type PromotionGate } from './types';
import type { VersionRow } from './version-rows';

/** Which version holds the `production` alias, if any. */
export function productionVersion(ctx: RegistryContext, modelPk: number): number | null {
  const row = ctx.db
    .prepare<[number, string], { version: number }>('SELECT version FROM model_aliases WHERE model_pk = ? AND alias = ?')
    .get(modelPk, PRODUCTION_ALIAS);
  return row?.version ?? null;
}

/** The latest value of each metric of the version's run, as it is now. */
export function metricsOf(ctx: RegistryContext, version: VersionRow | undefined): MetricSnapshot | null {
  if (!version?.run_id) return null;
  try {
    const run = ctx.runs.getRun(version.run_id);
    // JSON has no NaN or Infinity; a snapshot keeps the finite values, which are the comparable ones.
    return Object.fromEntries(run.data.metrics.filter((m) => Number.isFinite(m.value)).map((m) => [m.key, m.value]));
  } catch {
    return null;
  }
}

/** Refuses a version that must not serve: failed registration, or a run that failed or never finished. */
export function checkPromotable(ctx: RegistryContext, version: VersionRow): void {
  const label = `Version ${version.version} of ${version.name}`;
  if (version.status !== 'READY') {
    throw invalid(`${label} cannot be promoted: its registration ${version.status === 'FAILED_REGISTRATION' ? 'failed' : 'is not finished'}${version.status_message ? ` (${version.status_message})` : ''}.`);
  }
  if (!version.run_id) return;
  let run;
  try {
    run = ctx.runs.getRun(version.run_id);
  } catch {
    throw invalid(`${label} cannot be promoted: its source run ${version.run_id} no longer exists.`);
  }
  if (run.info.lifecycleStage === 'deleted') throw invalid(`${label} cannot be promoted: its source run ${version.run_id} is deleted; restore the run first.`);
  if (run.info.status !== 'FINISHED') {
    throw invalid(`${label} cannot be promoted: its source run ${version.run_id} is ${run.info.status}, and only models from FINISHED runs go to production.`);
  }
}

/** Refuses a change decided against a production that has since changed (someone else promoted first). */
export function checkExpectedProduction(model: ModelRow, current: number | null, expected: number | null | undefined): void {
  if (expected === undefined || expected === current) return;
  const now = current === null ? 'no version is in production' : `version ${current} is in production`;
  const then = expected === null ? 'none was' : `version ${expected} was`;
  throw new AppError('RESOURCE_CONFLICT', `Production of ${model.name} changed meanwhile: ${now}, but ${then} when this was decided. Review the comparison again and retry.`);
}

/** "Not worse than production" on the gate's metric. Without a production value there is nothing to beat. */
export function evaluateGate(gate: PromotionGate | null, candidate: MetricSnapshot | null, production: MetricSnapshot | null, hasProduction: boolean): GateOutcome | null {
  if (!gate || !hasProduction) return null;
  const c = candidate?.[gate.metric];
  const p = production?.[gate.metric];
  const candidateValue = typeof c === 'number' && !Number.isNaN(c) ? c : null;
  const productionValue = typeof p === 'number' && !Number.isNaN(p) ? p : null;
  let passed: boolean;
  if (productionValue === null) passed = true;
  else if (candidateValue === null) passed = false;
  else passed = gate.direction === 'higher' ? candidateValue >= productionValue : candidateValue <= productionValue;
  return { metric: gate.metric, direction: gate.direction, candidate: candidateValue, production: productionValue, passed };
}

export function gateFailure(name: string, version: number, productionAt: number, outcome: GateOutcome): AppError {
  const candidate = outcome.candidate === null ? `has no ${outcome.metric}` : `has ${outcome.metric} = ${outcome.candidate}`;
  return new AppError(
    'GATE_FAILED',
    `Version ${version} of ${name} ${candidate}, worse than production version ${productionAt} (${outcome.production}; ${outcome.direction} is better). ` +
      'Promote another version, or override the gate with a reason (--override-gate REASON).',
  );
}

/**
 * Puts `to` in production: the `production` alias, the Production stage, and every other
 * version that was in Production archived. Callers run it inside their transaction.
 */
export function moveProduction(ctx: RegistryContext, modelPk: number, to: number, at: number): number[] {
  const holder = productionVersion(ctx, modelPk) ?? 0;
  const leaving = `model_pk = ? AND version != ? AND (current_stage = 'Production' OR version = ?)`;
  const archived = ctx.db
    .prepare<[number, number, number], { version: number }>(`SELECT version FROM model_versions WHERE ${leaving}`)
    .all(modelPk, to, holder)
    .map((r) => r.version);
  ctx.db.prepare(`UPDATE model_versions SET current_stage = 'Archived', last_updated_time = ? WHERE ${leaving}`).run(at, modelPk, to, holder);
  ctx.db.prepare(`UPDATE model_versions SET current_stage = 'Production', last_updated_time = ? WHERE model_pk = ? AND version = ?`).run(at, modelPk, to);
  ctx.db
    .prepare('INSERT INTO model_aliases (model_pk, alias, version) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET version = excluded.version')
    .run(modelPk, PRODUCTION_ALIAS, to);
  ctx.models.touch(modelPk, at);
  return archived;
}
