import { z } from 'zod';
import { withPageToken } from '../../mlflow/mlflow-json';
import { int64, keyValues, required, stringList } from '../../mlflow/mlflow-request';
import { modelVersionJson } from './mlflow-json';
import { mlflowActor, READ, registryEndpoint } from './mlflow-endpoint';
import { parseVersion } from './names';

const ref = z.object({ name: required('name'), version: z.union([z.string(), z.number()], { error: "Missing value for required parameter 'version'." }).transform(parseVersion) });
/** Protobuf's JSON reads a bool from true or "true"; a query string only has the latter. */
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]);

/** model-versions/*: create, get, update, delete, search, download URI, stage transitions and tags. */
export const modelVersionEndpoints = [
  ...registryEndpoint(
    'model-versions/create',
    'POST',
    z.object({
      name: required('name'),
      source: required('source'),
      run_id: z.string().optional(),
      tags: keyValues,
      run_link: z.string().optional(),
      description: z.string().optional(),
    }),
    async (input, registry, caller) => ({
      model_version: modelVersionJson(
        await registry.createVersion({
          name: input.name,
          source: input.source,
          runId: input.run_id || null,
          tags: input.tags,
          runLink: input.run_link,
          description: input.description,
          userId: caller.user,
        }),
      ),
    }),
  ),
  ...registryEndpoint('model-versions/get', READ, ref, (input, registry) => ({ model_version: modelVersionJson(registry.getVersion(input.name, input.version)) })),
  ...registryEndpoint('model-versions/update', 'PATCH', ref.extend({ description: z.string().optional() }), (input, registry) => ({
    model_version: modelVersionJson(registry.updateVersion(input.name, input.version, { description: input.description })),
  })),
  ...registryEndpoint('model-versions/delete', 'DELETE', ref, (input, registry) => {
    registry.deleteVersion(input.name, input.version);
    return {};
  }),
  ...registryEndpoint(
    'model-versions/search',
    READ,
    z.object({ filter: z.string().optional(), max_results: int64.optional(), order_by: stringList.optional(), page_token: z.string().optional() }),
    (input, registry) => {
      const page = registry.searchVersions({ filter: input.filter, maxResults: input.max_results, orderBy: input.order_by, pageToken: input.page_token });
      return withPageToken({ model_versions: page.items.map(modelVersionJson) }, page.nextPageToken);
    },
  ),
  ...registryEndpoint('model-versions/get-download-uri', READ, ref, (input, registry) => ({ artifact_uri: registry.getVersion(input.name, input.version).source })),
  ...registryEndpoint(
    'model-versions/transition-stage',
    'POST',
    ref.extend({ stage: required('stage'), archive_existing_versions: bool.default(false) }),
    (input, registry, caller) => ({
      model_version: modelVersionJson(registry.transitionStage(input.name, input.version, input.stage, input.archive_existing_versions, { actor: mlflowActor(caller) })),
    }),
  ),
  ...registryEndpoint('model-versions/set-tag', 'POST', ref.extend({ key: required('key'), value: z.string() }), (input, registry) => {
    registry.setVersionTag(input.name, input.version, { key: input.key, value: input.value });
    return {};
  }),
  ...registryEndpoint('model-versions/delete-tag', 'DELETE', ref.extend({ key: required('key') }), (input, registry) => {
    registry.deleteVersionTag(input.name, input.version, input.key);
    return {};
  }),
];
