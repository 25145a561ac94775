import { flowCatalog } from '../../../pipelines/flows/catalog';
import type { ExecutorConfig } from '../../contract/executor';
import type { EventBus } from '../../core/event-bus';
import type { Db } from '../../db/database';
import type { TrackingService } from '../tracking/tracking-service';
import { Executor } from './executor';
import { resolveExecutorSettings } from './executor-settings';
import { trackerFrom } from './tracking-adapter';

/**
 * The executor as the core runs it: the shipped flows, tracked runs, events on the bus,
 * and the settings resolved from flags, environment and defaults (resolveExecutorSettings).
 */
export function createExecutor(
  deps: { db: Db; tracking: TrackingService; events: EventBus },
  settings: ExecutorConfig = resolveExecutorSettings(),
): Executor {
  return new Executor({
    db: deps.db,
    registry: flowCatalog,
    tracker: trackerFrom(deps.tracking),
    poolSize: settings.poolSize,
    concurrencyLimits: settings.tagLimits,
    cancelGraceMs: settings.cancelGraceMs,
    notify: (notice) => deps.events.emit(notice.name, notice.payload as never),
    hasListeners: () => deps.events.listenerCount > 0,
  });
}
