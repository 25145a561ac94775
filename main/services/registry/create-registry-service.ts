import os from 'node:os';
import { AppError, invalid } from '../../core/app-error';
import type { Db } from '../../db/database';
import { checkKey, checkTag } from '../tracking/limits';
import { inspectModelDirectory, type ModelDirectoryFacts, type RunReader } from './model-directory';
import type { ModelRow } from './model-rows';
import { locateModel } from './model-source';
import { readModelFiles } from './model-files';
import { deleteAlias, moveStage, setAlias, versionOfAlias } from './manual-moves';
import { checkModelName } from './names';
import { metricsOf, productionVersion } from './production';
import { describeGateChange } from './gate-change';
import { Promotions } from './promotion';
import { createRegistryContext } from './registry-context';
import { MODEL_SEARCH, searchRows, VERSION_SEARCH } from './registry-search';
import type { RegistryService } from './registry-service';
import { STAGES, type Stage } from './types';
import type { VersionRow } from './version-rows';

export interface RegistryDeps {
  db: Db;
  runs: RunReader;
  /** Who acts when a caller does not say (default: the operating system's user). */
  defaultActor?: string;
  now?: () => number;
  /** Told the name of a model that changed (the core turns it into an event). */
  onChange?: (name: string) => void;
}

function systemUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** MLflow accepts stage names in any case ("production"); they are stored as MLflow spells them. */
export function parseStage(stage: string): Stage {
  const found = STAGES.find((s) => s.toLowerCase() === stage.trim().toLowerCase());
  if (!found) throw invalid(`Invalid stage "${stage}": use one of ${STAGES.join(', ')}.`);
  return found;
}

export function createRegistryService(deps: RegistryDeps): RegistryService {
  const ctx = createRegistryContext(deps.db, deps.runs, deps.defaultActor ?? systemUser(), deps.now);
  const { db, models, versions } = ctx;
  const promotions = new Promotions(ctx);
  const changed = (name: string) => deps.onChange?.(name);
  const getModel = (name: string) => models.load([models.require(name)])[0]!;
  const versionOf = (name: string, version: number): { model: ModelRow; row: VersionRow } => {
    const model = models.require(name);
    return { model, row: versions.require(model.model_pk, model.name, version) };
  };
  const writeModel = <T>(name: string, apply: () => T): T => {
    const result = ctx.write(apply);
    changed(name);
    return result;
  };

  const service: RegistryService = {
    createModel(input) {
      const name = checkModelName(input.name);
      const tags = (input.tags ?? []).map(checkTag);
      return writeModel(name, () => {
        if (models.byName(name)) throw new AppError('RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists. Choose another name, or add a version to it.`);
        const at = ctx.now();
        const { lastInsertRowid } = db
          .prepare('INSERT INTO registered_models (name, description, creation_time, last_updated_time) VALUES (?, ?, ?, ?)')
          .run(name, input.description ?? '', at, at);
        const insertTag = db.prepare('INSERT INTO registered_model_tags (model_pk, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
        for (const tag of tags) insertTag.run(lastInsertRowid, tag.key, tag.value);
        return getModel(name);
      });
    },
    getModel,
    ensureModel(name) {
      return ctx.write(() => (models.byName(name) ? { model: getModel(name), created: false } : { model: service.createModel({ name }), created: true }));
    },
    searchModels(input = {}) {
      const page = searchRows<ModelRow>(db, MODEL_SEARCH, input);
      return { items: models.load(page.items), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    },
    renameModel(name, newName) {
      checkModelName(newName);
      return writeModel(newName, () => {
        const model = models.require(name);
        if (newName !== name && models.byName(newName)) throw new AppError('RESOURCE_ALREADY_EXISTS', `Registered Model (name=${newName}) already exists; choose another new name.`);
        db.prepare('UPDATE registered_models SET name = ?, last_updated_time = ? WHERE model_pk = ?').run(newName, ctx.now(), model.model_pk);
        return getModel(newName);
      });
    },
    updateModel(name, input) {
      return writeModel(name, () => {
        const model = models.require(name);
        if (input.description !== undefined) {
          db.prepare('UPDATE registered_models SET description = ?, last_updated_time = ? WHERE model_pk = ?').run(input.description, ctx.now(), model.model_pk);
        }
        return getModel(name);
      });
    },
    deleteModel(name, by = {}) {
      writeModel(name, () => {
        const model = models.require(name);
        const production = productionVersion(ctx, model.model_pk);
        const { n } = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM model_versions WHERE model_pk = ?').get(model.model_pk)!;
        ctx.log.append({
          modelPk: model.model_pk,
          kind: 'delete',
          fromVersion: production,
          toVersion: null,
          actor: by.actor?.trim() || ctx.defaultActor,
          at: ctx.now(),
          reason: by.reason?.trim() || `Model deleted with its ${n} version${n === 1 ? '' : 's'}`,
        });
        // Its transitions stay, unlinked (migration 6): the audit outlives the model.
        db.prepare('DELETE FROM registered_models WHERE model_pk = ?').run(model.model_pk);
      });
    },
    setModelTag(name, tag) {
      checkTag(tag);
      writeModel(name, () => {
        const model = models.require(name);
        db.prepare('INSERT INTO registered_model_tags (model_pk, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value').run(model.model_pk, tag.key, tag.value);
        models.touch(model.model_pk, ctx.now());
      });
    },
    deleteModelTag(name, key) {
      writeModel(name, () => {
        const model = models.require(name);
        const { changes } = db.prepare('DELETE FROM registered_model_tags WHERE model_pk = ? AND key = ?').run(model.model_pk, key);
        if (changes === 0) throw new AppError('RESOURCE_DOES_NOT_EXIST', `Registered model ${name} has no tag "${key}".`);
      });
    },
    setGate(name, gate, by = {}) {
      if (gate) checkKey('Metric', gate.metric);
      return writeModel(name, () => {
        const model = models.require(name);
        const before = model.gate_metric && model.gate_direction ? { metric: model.gate_metric, direction: model.gate_direction } : null;
        const change = describeGateChange(before, gate);
        if (change === null) return getModel(name);
        const at = ctx.now();
        db.prepare('UPDATE registered_models SET gate_metric = ?, gate_direction = ?, last_updated_time = ? WHERE model_pk = ?').run(gate?.metric ?? null, gate?.direction ?? null, at, model.model_pk);
        const production = productionVersion(ctx, model.model_pk);
        ctx.log.append({ modelPk: model.model_pk, kind: 'gate', fromVersion: production, toVersion: production, actor: by.actor?.trim() || ctx.defaultActor, at, reason: change });
        return getModel(name);
      });
    },

    async createVersion(input) {
      models.require(input.name);
      const tags = (input.tags ?? []).map(checkTag);
      if (typeof input.source !== 'string' || input.source.trim() === '') throw invalid('A model version needs a source: the artifact URI of its model directory, e.g. runs:/<run_id>/model.');
      const location = locateModel(input.source, input.runId ?? null);
      const runId = input.runId || location?.runId || null;
      if (runId) deps.runs.getRun(runId);
      // Reading the model directory (and opening the ONNX file) happens before the write
      // transaction, which must never wait on I/O.
      const facts: ModelDirectoryFacts = location
        ? await inspectModelDirectory(deps.runs, location)
        : { status: 'READY', statusMessage: '', signature: null, specHash: null, modelSha256: null };
      return writeModel(input.name, () => {
        const model = models.require(input.name);
        const at = ctx.now();
        const version = model.next_version;
        db.prepare(
          `INSERT INTO model_versions (model_pk, version, source, run_id, artifact_path, run_link, description, user_id, status, status_message,
             signature_json, spec_hash, model_sha256, creation_time, last_updated_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          model.model_pk, version, input.source, runId, location?.artifactPath ?? null, input.runLink ?? '', input.description ?? '', input.userId ?? '',
          facts.status, facts.statusMessage, facts.signature ? JSON.stringify(facts.signature) : null, facts.specHash, facts.modelSha256, at, at,
        );
        db.prepare('UPDATE registered_models SET next_version = ?, last_updated_time = ? WHERE model_pk = ?').run(version + 1, at, model.model_pk);
        const insertTag = db.prepare('INSERT INTO model_version_tags (model_pk, version, key, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
        for (const tag of tags) insertTag.run(model.model_pk, version, tag.key, tag.value);
        return versions.load([versions.require(model.model_pk, model.name, version)])[0]!;
      });
    },
    getVersion(name, version) {
      return versions.load([versionOf(name, version).row])[0]!;
    },
    versionMetrics: (name, version) => metricsOf(ctx, versionOf(name, version).row),
    listVersions(name) {
      return versions.load(versions.ofModel(models.require(name).model_pk));
    },
    searchVersions(input = {}) {
      const page = searchRows<VersionRow>(db, VERSION_SEARCH, input);
      return { items: versions.load(page.items), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    },
    updateVersion(name, version, input) {
      return writeModel(name, () => {
        const { model, row } = versionOf(name, version);
        if (input.description !== undefined) {
          db.prepare('UPDATE model_versions SET description = ?, last_updated_time = ? WHERE model_pk = ? AND version = ?').run(input.description, ctx.now(), model.model_pk, row.version);
        }
        return service.getVersion(name, version);
      });
    },
    deleteVersion(name, version) {
      writeModel(name, () => {
        const { model, row } = versionOf(name, version);
        if (productionVersion(ctx, model.model_pk) === row.version) {
          throw invalid(`Version ${version} of ${name} is in production and cannot be deleted; promote another version or roll back first.`);
        }
        db.prepare('DELETE FROM model_versions WHERE model_pk = ? AND version = ?').run(model.model_pk, row.version);
        models.touch(model.model_pk, ctx.now());
      });
    },
    getLatestVersions(name, stages = []) {
      const wanted = stages.length === 0 ? [...STAGES] : stages.map(parseStage);
      return getModel(name).latestVersions.filter((v) => wanted.includes(v.currentStage));
    },
    transitionStage(name, version, stage, archiveExisting, by = {}) {
      const target = parseStage(stage);
      return writeModel(name, () => {
        moveStage(ctx, name, version, target, archiveExisting, by.actor);
        return service.getVersion(name, version);
      });
    },
    setVersionTag(name, version, tag) {
      checkTag(tag);
      writeModel(name, () => {
        const { model, row } = versionOf(name, version);
        db.prepare('INSERT INTO model_version_tags (model_pk, version, key, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value').run(model.model_pk, row.version, tag.key, tag.value);
      });
    },
    deleteVersionTag(name, version, key) {
      writeModel(name, () => {
        const { model, row } = versionOf(name, version);
        const { changes } = db.prepare('DELETE FROM model_version_tags WHERE model_pk = ? AND version = ? AND key = ?').run(model.model_pk, row.version, key);
        if (changes === 0) throw new AppError('RESOURCE_DOES_NOT_EXIST', `Version ${version} of ${name} has no tag "${key}".`);
      });
    },

    setAlias: (name, alias, version, by = {}) => writeModel(name, () => setAlias(ctx, name, alias, version, by.actor)),
    deleteAlias: (name, alias, by = {}) => writeModel(name, () => deleteAlias(ctx, name, alias, by.actor)),
    getVersionByAlias: (name, alias) => service.getVersion(name, versionOfAlias(ctx, name, alias)),
    openModel: (name, ref) => readModelFiles(deps.runs, typeof ref === 'number' ? service.getVersion(name, ref) : service.getVersionByAlias(name, ref)),

    promote(input) {
      const result = promotions.promote(input);
      changed(input.name);
      return result;
    },
    rollback(input) {
      const result = promotions.rollback(input);
      changed(input.name);
      return result;
    },
    previewPromotion: (name, version) => promotions.preview(name, version),
    history: (name) => promotions.history(name),
    audit: (filter) => ctx.log.audit(filter),
  };
  return service;
}
