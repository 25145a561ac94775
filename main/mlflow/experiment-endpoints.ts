import { z } from 'zod';
import { VIEW_TYPES } from '../services/tracking/types';
import { endpoint, READ, WRITE } from './endpoint';
import { experimentJson, withPageToken } from './mlflow-json';
import { int64, keyValue, keyValues, required, stringList } from './mlflow-request';

/** experiments/*: create, search, get, get-by-name, delete, restore, update, set-experiment-tag. */
export const experimentEndpoints = [
  endpoint(
    'experiments/create',
    WRITE,
    z.object({ name: required('name'), artifact_location: z.string().optional(), tags: keyValues }),
    async (input, tracking) => ({
      experiment_id: await tracking.createExperiment({ name: input.name, artifactLocation: input.artifact_location, tags: input.tags }),
    }),
  ),
  endpoint(
    'experiments/search',
    READ,
    z.object({
      max_results: int64.optional(),
      page_token: z.string().optional(),
      filter: z.string().optional(),
      order_by: stringList.optional(),
      view_type: z.enum(VIEW_TYPES).optional(),
    }),
    (input, tracking) => {
      const page = tracking.searchExperiments({
        maxResults: input.max_results,
        pageToken: input.page_token,
        filter: input.filter,
        orderBy: input.order_by,
        viewType: input.view_type,
      });
      return withPageToken({ experiments: page.items.map(experimentJson) }, page.nextPageToken);
    },
  ),
  endpoint('experiments/get', READ, z.object({ experiment_id: required('experiment_id') }), (input, tracking) => ({
    experiment: experimentJson(tracking.getExperiment(input.experiment_id)),
  })),
  endpoint('experiments/get-by-name', READ, z.object({ experiment_name: required('experiment_name') }), (input, tracking) => ({
    experiment: experimentJson(tracking.getExperimentByName(input.experiment_name)),
  })),
  endpoint('experiments/delete', WRITE, z.object({ experiment_id: required('experiment_id') }), async (input, tracking) => {
    await tracking.deleteExperiment(input.experiment_id);
    return {};
  }),
  endpoint('experiments/restore', WRITE, z.object({ experiment_id: required('experiment_id') }), async (input, tracking) => {
    await tracking.restoreExperiment(input.experiment_id);
    return {};
  }),
  endpoint(
    'experiments/update',
    WRITE,
    z.object({ experiment_id: required('experiment_id'), new_name: required('new_name') }),
    async (input, tracking) => {
      await tracking.renameExperiment(input.experiment_id, input.new_name);
      return {};
    },
  ),
  endpoint(
    'experiments/set-experiment-tag',
    WRITE,
    keyValue.extend({ experiment_id: required('experiment_id'), key: required('key') }),
    async (input, tracking) => {
      await tracking.setExperimentTag(input.experiment_id, { key: input.key, value: input.value });
      return {};
    },
  ),
];
