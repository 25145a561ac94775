import { invalid } from '../../core/app-error';
import { SYSTEM_TAGS, type DatasetInput, type KeyValue, type Metric } from './types';

/**
 * The limits MLflow's server enforces. NeuroOps keeps them exactly, so a run that logs
 * here can always be synced to a remote MLflow without being refused there.
 */
export const LIMITS = {
  maxMetricsPerBatch: 1000,
  maxParamsTagsPerBatch: 100,
  maxEntitiesPerBatch: 1000,
  maxKeyLength: 250,
  maxParamValueLength: 6000,
  maxTagValueLength: 5000,
  maxExperimentNameLength: 500,
  maxSearchResults: 50_000,
  maxHistoryResults: 25_000,
  maxRunNameLength: 250,
  // Dataset inputs (log-inputs), as MLflow's validation has them.
  maxDatasetNameLength: 500,
  maxDatasetDigestLength: 36,
  maxDatasetSourceLength: 65_535,
  maxDatasetSchemaLength: 1_048_575,
  maxDatasetProfileLength: 16_777_215,
  maxInputTagValueLength: 500,
  // NeuroOps's own bounds where MLflow has none. A search becomes one SQL statement, and
  // SQLite limits its depth and bound values; these keep every search far inside them.
  maxFilterComparisons: 100,
  maxFilterListValues: 1000,
  maxOrderByClauses: 20,
  maxExperimentIdsPerSearch: 1000,
  maxUserIdLength: 250,
  maxArtifactLocationLength: 2048,
} as const;

/** A time in milliseconds since 1970, as int64 fields carry it; beyond 2^53 JavaScript cannot hold it exactly. */
export function checkTimestamp(field: string, value: number | null | undefined): void {
  if (value === undefined || value === null) return;
  if (!Number.isSafeInteger(value)) {
    throw invalid(`${field} must be a whole number of milliseconds between ${-Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}; got ${value}.`);
  }
}

/** A text field's length against its limit, naming both in the refusal. */
export function checkLength(field: string, value: string | undefined, limit: number): void {
  if (value !== undefined && value.length > limit) {
    throw invalid(`${field} is ${value.length} characters long; the limit is ${limit}.`);
  }
}

// Python's \w is Unicode-aware; \p{L}\p{N}_ is its JavaScript spelling.
const KEY_SYNTAX = /^[/\p{L}\p{N}_.\- ]*$/u;

export function checkKey(kind: string, key: unknown): string {
  if (typeof key !== 'string' || key === '') throw invalid(`${kind} key is missing: send a non-empty string.`);
  if (key.length > LIMITS.maxKeyLength) {
    throw invalid(`${kind} key "${key.slice(0, 40)}…" is ${key.length} characters; the limit is ${LIMITS.maxKeyLength}.`);
  }
  if (!KEY_SYNTAX.test(key)) {
    throw invalid(`Invalid ${kind.toLowerCase()} key "${key}": keys may only contain letters, digits, underscores, dashes, periods, spaces and slashes.`);
  }
  // Keys may become file names on sync; they must not resolve to another name.
  if (key.startsWith('/') || key.split('/').includes('..')) {
    throw invalid(`Invalid ${kind.toLowerCase()} key "${key}": it must not start with "/" or contain "..".`);
  }
  return key;
}

function checkValueLength(kind: string, key: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw invalid(`${kind} "${key}" has a value of ${value.length} characters; the limit is ${limit}.`);
  }
}

export function checkParam(param: KeyValue): KeyValue {
  checkKey('Param', param.key);
  if (typeof param.value !== 'string') throw invalid(`Param "${param.key}" needs a string value.`);
  checkValueLength('Param', param.key, param.value, LIMITS.maxParamValueLength);
  return param;
}

export function checkTag(tag: KeyValue): KeyValue {
  checkKey('Tag', tag.key);
  if (typeof tag.value !== 'string') throw invalid(`Tag "${tag.key}" needs a string value.`);
  // The run's name is stored as this tag too; both obey the run name's limit.
  const limit = tag.key === SYSTEM_TAGS.runName ? LIMITS.maxRunNameLength : LIMITS.maxTagValueLength;
  checkValueLength('Tag', tag.key, tag.value, limit);
  return tag;
}

export function checkMetric(metric: Metric): Metric {
  checkKey('Metric', metric.key);
  if (typeof metric.value !== 'number') {
    throw invalid(`Metric "${metric.key}" has value ${JSON.stringify(metric.value)}; send a number (NaN and ±Infinity are allowed).`);
  }
  if (!Number.isSafeInteger(metric.timestamp)) throw invalid(`Metric "${metric.key}" needs an integer timestamp in milliseconds.`);
  if (!Number.isSafeInteger(metric.step)) throw invalid(`Metric "${metric.key}" needs an integer step.`);
  return metric;
}

export function checkBatchSize(counts: { metrics: number; params: number; tags: number }): void {
  const { metrics, params, tags } = counts;
  if (metrics > LIMITS.maxMetricsPerBatch) {
    throw invalid(`A batch may hold at most ${LIMITS.maxMetricsPerBatch} metrics; this one has ${metrics}. Split it into several batches.`);
  }
  if (params > LIMITS.maxParamsTagsPerBatch) {
    throw invalid(`A batch may hold at most ${LIMITS.maxParamsTagsPerBatch} params; this one has ${params}. Split it into several batches.`);
  }
  if (tags > LIMITS.maxParamsTagsPerBatch) {
    throw invalid(`A batch may hold at most ${LIMITS.maxParamsTagsPerBatch} tags; this one has ${tags}. Split it into several batches.`);
  }
  const total = metrics + params + tags;
  if (total > LIMITS.maxEntitiesPerBatch) {
    throw invalid(`A batch may hold at most ${LIMITS.maxEntitiesPerBatch} metrics, params and tags in all; this one has ${total}.`);
  }
}

/** MLflow refuses a batch that names one param key twice, even with the same value. */
export function checkUniqueParamKeys(params: readonly KeyValue[]): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { key } of params) {
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  if (duplicates.size > 0) {
    throw invalid(`Duplicate param keys in one batch: ${[...duplicates].join(', ')}. Send one value per param key.`);
  }
}

export function checkExperimentName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid('An experiment needs a non-empty name.');
  if (name.length > LIMITS.maxExperimentNameLength) {
    throw invalid(`Experiment name is ${name.length} characters; the limit is ${LIMITS.maxExperimentNameLength}.`);
  }
  return name;
}

/** A dataset input against MLflow's limits for its fields and tags. */
export function checkDatasetInput(input: DatasetInput): void {
  const d = input.dataset;
  checkLength('dataset.name', d.name, LIMITS.maxDatasetNameLength);
  checkLength('dataset.digest', d.digest, LIMITS.maxDatasetDigestLength);
  checkLength('dataset.source', d.source, LIMITS.maxDatasetSourceLength);
  checkLength('dataset.schema', d.schema ?? undefined, LIMITS.maxDatasetSchemaLength);
  checkLength('dataset.profile', d.profile ?? undefined, LIMITS.maxDatasetProfileLength);
  for (const tag of input.tags ?? []) {
    checkTag(tag);
    checkLength(`Input tag "${tag.key}"`, tag.value, LIMITS.maxInputTagValueLength);
  }
}
