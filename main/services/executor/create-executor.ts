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

/** The executor as the core runs it: the shipped flows, tracked runs, events on the bus. */
export function createExecutor(deps: { db: Db; tracking: TrackingService; events: EventBus }): Executor {
  return new Executor({
    db: deps.db,
    registry: flowCatalog,
    tracker: trackerFrom(deps.tracking),
    poolSize: poolSizeFromEnv(),
    notify: (notice) => deps.events.emit(notice.name, notice.payload as never),
  });
}
