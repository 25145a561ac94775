import type { registryProcedures } from '../../contract/registry';
import type { Handler } from '../../core/dispatcher';
import type { RegistryService } from './registry-service';

type RegistryProcedure = Exclude<keyof typeof registryProcedures, `bundles.${string}`>;
type RegistryHandlers = { [N in RegistryProcedure]: Handler<N> };

const ok = {} as Record<string, never>;

/** The model list of the Models page: each model with its production version and that version's metrics. */
function withProduction(registry: RegistryService, model: ReturnType<RegistryService['getModel']>) {
  const production = model.aliases.find((a) => a.alias === 'production');
  const versions = registry.listVersions(model.name);
  const inProduction = production ? versions.find((v) => v.version === production.version) : undefined;
  return {
    ...model,
    versionCount: versions.length,
    production: inProduction ? { version: inProduction.version, runId: inProduction.runId, metrics: registry.versionMetrics(model.name, inProduction.version) } : null,
  };
}

export function registryHandlers(registry: RegistryService): RegistryHandlers {
  return {
    'registry.listModels': ({ filter, maxResults, pageToken }) => {
      const page = registry.searchModels({ filter, maxResults, pageToken });
      return { models: page.items.map((m) => withProduction(registry, m)), nextPageToken: page.nextPageToken };
    },
    'registry.getModel': ({ name }) => ({ model: registry.getModel(name), versions: registry.listVersions(name) }),
    'registry.createModel': (input) => registry.createModel(input),
    'registry.updateModel': ({ name, description }) => registry.updateModel(name, { description }),
    'registry.renameModel': ({ name, newName }) => registry.renameModel(name, newName),
    'registry.deleteModel': ({ name, reason }, ctx) => (registry.deleteModel(name, { reason, actor: ctx.user }), ok),
    'registry.setGate': ({ name, gate }, ctx) => registry.setGate(name, gate, { actor: ctx.user }),
    'registry.createVersion': async ({ name, runId, artifactPath, description, tags }, ctx) => {
      registry.ensureModel(name);
      return registry.createVersion({ name, source: `runs:/${runId}/${artifactPath.replace(/^\/+/, '')}`, runId, description, tags, userId: ctx.user });
    },
    // The run id is checked by the contract to be a word, so it is safe inside the filter's quotes.
    'registry.versionsOfRun': ({ runId }) => ({
      versions: registry.searchVersions({ filter: `run_id = '${runId}'`, maxResults: 1000 }).items.sort((a, b) => b.creationTimestamp - a.creationTimestamp),
    }),
    'registry.updateVersion': ({ name, version, description }) => registry.updateVersion(name, version, { description }),
    'registry.deleteVersion': ({ name, version }) => (registry.deleteVersion(name, version), ok),
    'registry.setAlias': ({ name, alias, version }, ctx) => (registry.setAlias(name, alias, version, { actor: ctx.user }), ok),
    'registry.deleteAlias': ({ name, alias }, ctx) => (registry.deleteAlias(name, alias, { actor: ctx.user }), ok),
    'registry.previewPromotion': ({ name, version }) => registry.previewPromotion(name, version),
    'registry.promote': (input, ctx) => registry.promote({ ...input, actor: ctx.user }),
    'registry.rollback': (input, ctx) => registry.rollback({ ...input, actor: ctx.user }),
    'registry.history': ({ name }) => ({ transitions: registry.history(name) }),
    'registry.audit': (filter) => ({ transitions: registry.audit(filter) }),
  };
}
