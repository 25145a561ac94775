import { AppError } from '../../core/app-error';
import { checkAlias } from './names';
import { productionVersion } from './production';
import type { RegistryContext } from './registry-context';
import { PRODUCTION_ALIAS, type Stage } from './types';

/**
 * Aliases and stages moved one at a time, as MLflow clients do. They take no reason and
 * run no gate (that is promotion's job), but a move that touches production is still
 * appended to the history, so the trail of what was in production has no gaps.
 * Callers run these inside a write transaction.
 */

const actorOf = (ctx: RegistryContext, actor: string | undefined): string => actor?.trim() || ctx.defaultActor;

function aliasHolder(ctx: RegistryContext, modelPk: number, name: string, alias: string): number {
  const row = ctx.db.prepare<[number, string], { version: number }>('SELECT version FROM model_aliases WHERE model_pk = ? AND alias = ?').get(modelPk, alias);
  if (!row) throw new AppError('RESOURCE_DOES_NOT_EXIST', `Registered model alias ${alias} not found on ${name}.`);
  return row.version;
}

export function versionOfAlias(ctx: RegistryContext, name: string, alias: string): number {
  return aliasHolder(ctx, ctx.models.require(name).model_pk, name, alias);
}

export function setAlias(ctx: RegistryContext, name: string, alias: string, version: number, actor?: string): void {
  checkAlias(alias);
  const model = ctx.models.require(name);
  const row = ctx.versions.require(model.model_pk, model.name, version);
  const before = alias === PRODUCTION_ALIAS ? productionVersion(ctx, model.model_pk) : null;
  ctx.db.prepare('INSERT INTO model_aliases (model_pk, alias, version) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET version = excluded.version').run(model.model_pk, alias, row.version);
  const at = ctx.now();
  ctx.models.touch(model.model_pk, at);
  if (alias === PRODUCTION_ALIAS && before !== row.version) {
    ctx.log.append({ modelPk: model.model_pk, kind: 'alias', fromVersion: before, toVersion: row.version, actor: actorOf(ctx, actor), at, reason: `Alias "${alias}" set to version ${row.version}` });
  }
}

export function deleteAlias(ctx: RegistryContext, name: string, alias: string, actor?: string): void {
  const model = ctx.models.require(name);
  const holder = aliasHolder(ctx, model.model_pk, name, alias);
  ctx.db.prepare('DELETE FROM model_aliases WHERE model_pk = ? AND alias = ?').run(model.model_pk, alias);
  const at = ctx.now();
  ctx.models.touch(model.model_pk, at);
  if (alias === PRODUCTION_ALIAS) {
    ctx.log.append({ modelPk: model.model_pk, kind: 'alias', fromVersion: holder, toVersion: null, actor: actorOf(ctx, actor), at, reason: `Alias "${alias}" removed` });
  }
}

/** MLflow's transition-stage: with `archiveExisting`, the target stage's other versions become Archived. */
export function moveStage(ctx: RegistryContext, name: string, version: number, target: Stage, archiveExisting: boolean, actor?: string): void {
  const model = ctx.models.require(name);
  const row = ctx.versions.require(model.model_pk, model.name, version);
  const at = ctx.now();
  let archived: number[] = [];
  if (archiveExisting && (target === 'Staging' || target === 'Production')) {
    const others = 'model_pk = ? AND current_stage = ? AND version != ?';
    archived = ctx.db.prepare<[number, string, number], { version: number }>(`SELECT version FROM model_versions WHERE ${others}`).all(model.model_pk, target, row.version).map((r) => r.version);
    ctx.db.prepare(`UPDATE model_versions SET current_stage = 'Archived', last_updated_time = ? WHERE ${others}`).run(at, model.model_pk, target, row.version);
  }
  ctx.db.prepare('UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE model_pk = ? AND version = ?').run(target, at, model.model_pk, row.version);
  ctx.models.touch(model.model_pk, at);
  ctx.log.append({
    modelPk: model.model_pk,
    kind: 'stage',
    fromVersion: row.version,
    toVersion: row.version,
    fromStage: row.current_stage,
    toStage: target,
    actor: actorOf(ctx, actor),
    at,
    reason: archived.length > 0 ? `Stage set to ${target}; archived version(s) ${archived.join(', ')}` : `Stage set to ${target}`,
  });
}
