import { invalid } from '../../core/app-error';
import {
  checkExpectedProduction,
  checkPromotable,
  evaluateGate,
  gateFailure,
  metricsOf,
  moveProduction,
  productionVersion,
} from './production';
import type { RegistryContext } from './registry-context';
import type { GateOutcome, MetricSnapshot, ModelVersion, Transition } from './types';

export interface PromoteInput {
  name: string;
  version: number;
  /** Why this version goes to production; kept in the history. Required. */
  reason: string;
  actor?: string;
  /**
   * The production version the caller compared against (null: none). When given and
   * production has changed since, the promotion is refused: of two concurrent promotions
   * decided against the same production, exactly one wins.
   */
  expectedProduction?: number | null;
  /** Promotes even when the gate fails; the reason is kept with the transition. */
  gateOverrideReason?: string;
}

export interface RollbackInput {
  name: string;
  reason?: string;
  actor?: string;
  expectedProduction?: number | null;
}

export interface PromotionPreview {
  name: string;
  candidate: { version: number; runId: string | null; metrics: MetricSnapshot | null };
  production: { version: number; runId: string | null; metrics: MetricSnapshot | null } | null;
  gate: GateOutcome | null;
  /** Why the candidate cannot be promoted at all (failed registration, failed run), if so. */
  blocker: string | null;
}

export interface TransitionResult {
  transition: Transition;
  version: ModelVersion;
}

function requireReason(reason: string | undefined, what: string): string {
  const text = reason?.trim() ?? '';
  if (text === '') throw invalid(`${what} needs a reason: say why, in a few words (it is kept in the model's history).`);
  return text;
}

/** Promotion to production, rollback and their history: every change recorded with who, when, why and the metrics. */
export class Promotions {
  constructor(private readonly ctx: RegistryContext) {}

  promote(input: PromoteInput): TransitionResult {
    const reason = requireReason(input.reason, 'A promotion');
    const override = input.gateOverrideReason?.trim() || undefined;
    const { ctx } = this;
    return ctx.write(() => {
      const model = ctx.models.require(input.name);
      const candidate = ctx.versions.require(model.model_pk, model.name, input.version);
      const current = productionVersion(ctx, model.model_pk);
      checkExpectedProduction(model, current, input.expectedProduction);
      if (current === candidate.version) throw invalid(`Version ${candidate.version} of ${model.name} is already in production.`);
      checkPromotable(ctx, candidate);
      const productionRow = current === null ? undefined : ctx.versions.row(model.model_pk, current);
      const metrics = { from: metricsOf(ctx, productionRow), to: metricsOf(ctx, candidate) };
      const gateConfig = model.gate_metric && model.gate_direction ? { metric: model.gate_metric, direction: model.gate_direction } : null;
      const gate = evaluateGate(gateConfig, metrics.to, metrics.from, current !== null);
      if (gate && !gate.passed) {
        if (!override) throw gateFailure(model.name, candidate.version, current!, gate);
        gate.overrideReason = override;
      }
      const at = ctx.now();
      moveProduction(ctx, model.model_pk, candidate.version, at);
      const id = ctx.log.append({
        modelPk: model.model_pk,
        kind: 'promote',
        fromVersion: current,
        toVersion: candidate.version,
        fromStage: candidate.current_stage,
        toStage: 'Production',
        actor: input.actor?.trim() || ctx.defaultActor,
        at,
        reason,
        metrics,
        gate,
      });
      return this.result(model.model_pk, candidate.version, id);
    });
  }

  /** Puts back the version that was in production before the current one, in one action. */
  rollback(input: RollbackInput): TransitionResult {
    const { ctx } = this;
    return ctx.write(() => {
      const model = ctx.models.require(input.name);
      const current = productionVersion(ctx, model.model_pk);
      checkExpectedProduction(model, current, input.expectedProduction);
      if (current === null) throw invalid(`${model.name} has no version in production, so there is nothing to roll back.`);
      const target = ctx.log.versionBefore(model.model_pk, current);
      if (target === null) throw invalid(`Version ${current} of ${model.name} was the first in production: there is no earlier version to roll back to.`);
      const targetRow = ctx.versions.row(model.model_pk, target);
      if (!targetRow) throw invalid(`Cannot roll back ${model.name} to version ${target}: that version has been deleted. Promote another version instead.`);
      checkPromotable(ctx, targetRow);
      const at = ctx.now();
      const metrics = { from: metricsOf(ctx, ctx.versions.row(model.model_pk, current)), to: metricsOf(ctx, targetRow) };
      moveProduction(ctx, model.model_pk, target, at);
      const id = ctx.log.append({
        modelPk: model.model_pk,
        kind: 'rollback',
        fromVersion: current,
        toVersion: target,
        fromStage: targetRow.current_stage,
        toStage: 'Production',
        actor: input.actor?.trim() || ctx.defaultActor,
        at,
        reason: input.reason?.trim() || `Rolled back from version ${current}`,
        metrics,
      });
      return this.result(model.model_pk, target, id);
    });
  }

  /** What the promote dialog shows: both versions' metrics, the gate's verdict, and any blocker. */
  preview(name: string, version: number): PromotionPreview {
    const { ctx } = this;
    const model = ctx.models.require(name);
    const candidate = ctx.versions.require(model.model_pk, model.name, version);
    const current = productionVersion(ctx, model.model_pk);
    const productionRow = current === null ? undefined : ctx.versions.row(model.model_pk, current);
    const candidateMetrics = metricsOf(ctx, candidate);
    const productionMetrics = metricsOf(ctx, productionRow);
    const gateConfig = model.gate_metric && model.gate_direction ? { metric: model.gate_metric, direction: model.gate_direction } : null;
    let blocker: string | null = null;
    try {
      checkPromotable(ctx, candidate);
      if (current === version) blocker = `Version ${version} is already in production.`;
    } catch (error) {
      blocker = (error as Error).message;
    }
    return {
      name: model.name,
      candidate: { version, runId: candidate.run_id, metrics: candidateMetrics },
      production: productionRow ? { version: productionRow.version, runId: productionRow.run_id, metrics: productionMetrics } : null,
      gate: evaluateGate(gateConfig, candidateMetrics, productionMetrics, current !== null),
      blocker,
    };
  }

  history(name: string): Transition[] {
    return this.ctx.log.list(this.ctx.models.require(name).model_pk);
  }

  private result(modelPk: number, version: number, transitionId: number): TransitionResult {
    const row = this.ctx.versions.row(modelPk, version)!;
    const transition = this.ctx.log.list(modelPk, 50).find((t) => t.id === transitionId)!;
    return { transition, version: this.ctx.versions.load([row])[0]! };
  }
}
