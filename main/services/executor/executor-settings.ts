import type { ExecutorConfig, SettingSource } from '../../contract/executor';
import { DEFAULT_CANCEL_GRACE_MS, defaultPoolSize } from './executor';

/** What the host was told explicitly (e.g. `neuroops serve --workers 4 --tag-limit gpu=1`). */
export interface ExecutorOverrides {
  poolSize?: number;
  tagLimits?: Record<string, number>;
}

/** A pool size or a tag limit: a whole number of at least 1, or undefined when `text` is not one. */
export function readCount(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const count = Number(text);
  return Number.isSafeInteger(count) && count >= 1 ? count : undefined;
}

/** One `TAG=N` entry, or undefined when it is not one. */
export function readTagLimit(entry: string): [tag: string, limit: number] | undefined {
  const match = /^([^=\s]+)=(.+)$/.exec(entry.trim());
  const limit = match ? readCount(match[2]!) : undefined;
  return match && limit !== undefined ? [match[1]!, limit] : undefined;
}

/**
 * `NEUROOPS_WORKERS`, when it holds a usable pool size. A bad value is reported and ignored
 * rather than stopping the app: the variable may be set in a profile the user forgot about.
 */
export function poolSizeFromEnv(value = process.env.NEUROOPS_WORKERS): number | undefined {
  if (value === undefined || value === '') return undefined;
  const size = readCount(value);
  if (size === undefined) console.warn(`NEUROOPS_WORKERS must be a whole number of at least 1, not "${value}"; it is ignored.`);
  return size;
}

/**
 * `NEUROOPS_TAG_LIMITS="gpu=1,io=4"`: at most that many attempts of tasks with the tag run
 * at once. A malformed entry is reported and skipped; undefined when no entry is usable.
 */
export function tagLimitsFromEnv(value = process.env.NEUROOPS_TAG_LIMITS): Record<string, number> | undefined {
  const limits: Record<string, number> = {};
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const parsed = readTagLimit(entry);
    if (parsed) limits[parsed[0]] = parsed[1];
    else console.warn(`NEUROOPS_TAG_LIMITS: "${entry}" is not TAG=N with N ≥ 1; it is ignored.`);
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}

function pick<T>(flag: T | undefined, env: T | undefined, fallback: T): { value: T; source: SettingSource } {
  if (flag !== undefined) return { value: flag, source: 'flag' };
  if (env !== undefined) return { value: env, source: 'env' };
  return { value: fallback, source: 'default' };
}

/**
 * The settings the core creates its executor with, each with where it came from: flags first, then the environment, then the defaults. The `--tag-limit` flags replace
 * `NEUROOPS_TAG_LIMITS` as a whole (they are not merged), so the limits in force are
 * exactly the ones on one command line or in one variable.
 */
export function resolveExecutorSettings(overrides: ExecutorOverrides = {}, env: NodeJS.ProcessEnv = process.env): ExecutorConfig {
  const flagLimits = overrides.tagLimits && Object.keys(overrides.tagLimits).length > 0 ? overrides.tagLimits : undefined;
  const poolSize = pick(overrides.poolSize, poolSizeFromEnv(env.NEUROOPS_WORKERS), defaultPoolSize());
  const tagLimits = pick(flagLimits, tagLimitsFromEnv(env.NEUROOPS_TAG_LIMITS), {});
  return {
    poolSize: poolSize.value,
    tagLimits: { ...tagLimits.value },
    // Not settable from outside yet: reported so the interface can say how long a cancel may take.
    cancelGraceMs: DEFAULT_CANCEL_GRACE_MS,
    sources: { poolSize: poolSize.source, tagLimits: tagLimits.source, cancelGraceMs: 'default' },
  };
}
