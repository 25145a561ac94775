import { z } from 'zod';
import { endpoint, WRITE } from './endpoint';
import { double, int64, keyValue, keyValues, runIdOf, runRef } from './mlflow-request';

const metric = z.object({ key: z.string(), value: double, timestamp: int64, step: int64.default(0) });

const datasetInput = z.object({
  tags: keyValues,
  dataset: z.object({
    name: z.string(),
    digest: z.string(),
    source_type: z.string(),
    source: z.string(),
    schema: z.string().optional(),
    profile: z.string().optional(),
  }),
});

/** Logging endpoints. The one-value forms are log-batch of one, as in MLflow's stores. */
export const loggingEndpoints = [
  endpoint('runs/log-metric', WRITE, runRef.extend(metric.shape), async (input, tracking) => {
    await tracking.logMetric(runIdOf(input), { key: input.key, value: input.value, timestamp: input.timestamp, step: input.step });
    return {};
  }),
  endpoint('runs/log-parameter', WRITE, runRef.extend(keyValue.shape), async (input, tracking) => {
    await tracking.logParam(runIdOf(input), { key: input.key, value: input.value });
    return {};
  }),
  endpoint('runs/set-tag', WRITE, runRef.extend(keyValue.shape), async (input, tracking) => {
    await tracking.setTag(runIdOf(input), { key: input.key, value: input.value });
    return {};
  }),
  endpoint('runs/delete-tag', WRITE, runRef.extend({ key: z.string() }), async (input, tracking) => {
    await tracking.deleteTag(runIdOf(input), input.key);
    return {};
  }),
  endpoint(
    'runs/log-batch',
    WRITE,
    runRef.extend({ metrics: z.array(metric).default([]), params: keyValues, tags: keyValues }),
    async (input, tracking) => {
      await tracking.logBatch(runIdOf(input), { metrics: input.metrics, params: input.params, tags: input.tags });
      return {};
    },
  ),
  endpoint('runs/log-inputs', WRITE, runRef.extend({ datasets: z.array(datasetInput).default([]) }), async (input, tracking) => {
    await tracking.logInputs(
      runIdOf(input),
      input.datasets.map((d) => ({
        tags: d.tags,
        dataset: { name: d.dataset.name, digest: d.dataset.digest, sourceType: d.dataset.source_type, source: d.dataset.source, schema: d.dataset.schema, profile: d.dataset.profile },
      })),
    );
    return {};
  }),
];
