import { z } from 'zod';
import { RUN_STATUSES, SYSTEM_TAGS, VIEW_TYPES } from '../services/tracking/types';
import { endpoint, READ, WRITE } from './endpoint';
import { fileInfoJson, metricJson, runInfoJson, runJson, withPageToken } from './mlflow-json';
import { int64, keyValues, runIdOf, runRef, stringList } from './mlflow-request';

/** runs/* lifecycle and reads, metrics/get-history and artifacts/list. */
export const runEndpoints = [
  endpoint(
    'runs/create',
    WRITE,
    z.object({
      experiment_id: z.string().default('0'),
      user_id: z.string().optional(),
      run_name: z.string().optional(),
      start_time: int64.optional(),
      tags: keyValues,
    }),
    async (input, tracking, caller) => {
      // On a server with named users, the run belongs to the token's owner, whatever the client says.
      const tags = caller.user ? [...input.tags.filter((t) => t.key !== SYSTEM_TAGS.user), { key: SYSTEM_TAGS.user, value: caller.user }] : input.tags;
      const info = await tracking.createRun({
        experimentId: input.experiment_id,
        userId: caller.user ?? input.user_id,
        runName: input.run_name,
        startTime: input.start_time,
        tags,
      });
      return { run: runJson(tracking.getRun(info.runId)) };
    },
  ),
  endpoint(
    'runs/update',
    WRITE,
    runRef.extend({ status: z.enum(RUN_STATUSES).optional(), end_time: int64.optional(), run_name: z.string().optional() }),
    async (input, tracking) => {
      const info = await tracking.updateRun(runIdOf(input), { status: input.status, endTime: input.end_time, runName: input.run_name });
      return { run_info: runInfoJson(info) };
    },
  ),
  endpoint('runs/delete', WRITE, runRef, async (input, tracking) => {
    await tracking.deleteRun(runIdOf(input));
    return {};
  }),
  endpoint('runs/restore', WRITE, runRef, async (input, tracking) => {
    await tracking.restoreRun(runIdOf(input));
    return {};
  }),
  endpoint('runs/get', READ, runRef, (input, tracking) => ({ run: runJson(tracking.getRun(runIdOf(input))) })),
  endpoint(
    'runs/search',
    READ,
    z.object({
      experiment_ids: stringList.default([]),
      filter: z.string().optional(),
      run_view_type: z.enum(VIEW_TYPES).optional(),
      max_results: int64.optional(),
      order_by: stringList.optional(),
      page_token: z.string().optional(),
    }),
    (input, tracking) => {
      const page = tracking.searchRuns({
        experimentIds: input.experiment_ids,
        filter: input.filter,
        viewType: input.run_view_type,
        maxResults: input.max_results,
        orderBy: input.order_by,
        pageToken: input.page_token,
      });
      return withPageToken({ runs: page.items.map(runJson) }, page.nextPageToken);
    },
  ),
  endpoint(
    'metrics/get-history',
    READ,
    runRef.extend({ metric_key: z.string().min(1, "Missing value for required parameter 'metric_key'."), page_token: z.string().optional(), max_results: int64.optional() }),
    (input, tracking) => {
      const page = tracking.getMetricHistory(runIdOf(input), input.metric_key, { pageToken: input.page_token, maxResults: input.max_results });
      return withPageToken({ metrics: page.items.map(metricJson) }, page.nextPageToken);
    },
  ),
  endpoint(
    'artifacts/list',
    READ,
    runRef.extend({ path: z.string().optional(), page_token: z.string().optional() }),
    (input, tracking) => {
      const runId = runIdOf(input);
      const root = tracking.getRun(runId).info.artifactUri;
      return { root_uri: root, files: tracking.listArtifacts(runId, input.path ?? '').map((entry) => fileInfoJson(entry)) };
    },
  ),
];
