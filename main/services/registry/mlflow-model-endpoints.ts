import { z } from 'zod';
import { withPageToken } from '../../mlflow/mlflow-json';
import { int64, keyValues, required, stringList } from '../../mlflow/mlflow-request';
import { modelVersionJson, registeredModelJson } from './mlflow-json';
import { mlflowActor, READ, registryEndpoint } from './mlflow-endpoint';
import { parseVersion } from './names';

const name = z.object({ name: required('name') });
const version = z.union([z.string(), z.number()]).transform(parseVersion);
const search = z.object({ filter: z.string().optional(), max_results: int64.optional(), order_by: stringList.optional(), page_token: z.string().optional() });

/** registered-models/*: create, get, search, rename, update, delete, latest versions, tags and aliases. */
export const registeredModelEndpoints = [
  ...registryEndpoint('registered-models/create', 'POST', name.extend({ tags: keyValues, description: z.string().optional() }), (input, registry) => ({
    registered_model: registeredModelJson(registry.createModel(input)),
  })),
  ...registryEndpoint('registered-models/get', READ, name, (input, registry) => ({ registered_model: registeredModelJson(registry.getModel(input.name)) })),
  ...registryEndpoint('registered-models/search', READ, search, (input, registry) => {
    const page = registry.searchModels({ filter: input.filter, maxResults: input.max_results, orderBy: input.order_by, pageToken: input.page_token });
    return withPageToken({ registered_models: page.items.map(registeredModelJson) }, page.nextPageToken);
  }),
  ...registryEndpoint('registered-models/rename', 'POST', name.extend({ new_name: required('new_name') }), (input, registry) => ({
    registered_model: registeredModelJson(registry.renameModel(input.name, input.new_name)),
  })),
  ...registryEndpoint('registered-models/update', 'PATCH', name.extend({ description: z.string().optional() }), (input, registry) => ({
    registered_model: registeredModelJson(registry.updateModel(input.name, { description: input.description })),
  })),
  ...registryEndpoint('registered-models/delete', 'DELETE', name, (input, registry, caller) => {
    registry.deleteModel(input.name, { actor: mlflowActor(caller) });
    return {};
  }),
  ...registryEndpoint('registered-models/get-latest-versions', READ, name.extend({ stages: stringList.optional() }), (input, registry) => ({
    model_versions: registry.getLatestVersions(input.name, input.stages).map(modelVersionJson),
  })),
  ...registryEndpoint('registered-models/set-tag', 'POST', name.extend({ key: required('key'), value: z.string() }), (input, registry) => {
    registry.setModelTag(input.name, { key: input.key, value: input.value });
    return {};
  }),
  ...registryEndpoint('registered-models/delete-tag', 'DELETE', name.extend({ key: required('key') }), (input, registry) => {
    registry.deleteModelTag(input.name, input.key);
    return {};
  }),
  ...registryEndpoint('registered-models/alias', 'POST', name.extend({ alias: z.string(), version }), (input, registry, caller) => {
    registry.setAlias(input.name, input.alias, input.version, { actor: mlflowActor(caller) });
    return {};
  }),
  ...registryEndpoint('registered-models/alias', 'DELETE', name.extend({ alias: required('alias') }), (input, registry, caller) => {
    registry.deleteAlias(input.name, input.alias, { actor: mlflowActor(caller) });
    return {};
  }),
  ...registryEndpoint('registered-models/alias', 'GET', name.extend({ alias: required('alias') }), (input, registry) => ({
    model_version: modelVersionJson(registry.getVersionByAlias(input.name, input.alias)),
  })),
];
