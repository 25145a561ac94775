import { flowCatalog } from '../../../pipelines/flows/catalog';
import type { EventBus } from '../../core/event-bus';
import type { Db } from '../../db/database';
import type { TrackingService } from '../tracking/tracking-service';
import { defaultPoolSize, Executor } from './executor';
import { trackerFrom } from './tracking-adapter';

/** `NEUROOPS_WORKERS` sets the pool size (a whole number ≥ 1); otherwise cores less one. */
export function poolSizeFromEnv(value = process.env.NEUROOPS_WORKERS): number {
  if (value === undefined || value === '') return defaultPoolSize();
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) {
    console.warn(`NEUROOPS_WORKERS must be a whole number of at least 1, not "${value}"; using ${defaultPoolSize()} workers.`);
    return defaultPoolSize();
  }
  return size;
}

/**
 * `NEUROOPS_TAG_LIMITS="gpu=1,io=4"`: at most that many attempts of tasks with the tag run
 * at once. A malformed entry is reported and skipped rather than stopping the app.
 */
export function tagLimitsFromEnv(value = process.env.NEUROOPS_TAG_LIMITS): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)=(\d+)$/.exec(entry);
    if (!match || Number(match[2]) < 1) {
      console.warn(`NEUROOPS_TAG_LIMITS: "${entry}" is not TAG=N with N ≥ 1; it is ignored.`);
      continue;
    }
    limits[match[1]!] = Number(match[2]);
  }
  return limits;
}

/** The executor as the core runs it: the shipped flows, tracked runs, events on the bus. */
export function createExecutor(deps: { db: Db; tracking: TrackingService; events: EventBus }): Executor {
  return new Executor({
    db: deps.db,
    registry: flowCatalog,
    tracker: trackerFrom(deps.tracking),
    poolSize: poolSizeFromEnv(),
    concurrencyLimits: tagLimitsFromEnv(),
    notify: (notice) => deps.events.emit(notice.name, notice.payload as never),
    hasListeners: () => deps.events.listenerCount > 0,
  });
}
