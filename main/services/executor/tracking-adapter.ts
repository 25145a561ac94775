import type { TrackingService } from '../tracking/tracking-service';
import type { RunTracker } from './run-tracker';

/**
 * Fits the tracking service to the executor's RunTracker. Experiment ids are looked up
 * once per name: flows start often, experiments are created rarely. If the remembered
 * experiment was deleted since (a user may delete it and reuse its name), the run is
 * created once more in the experiment that now has the name.
 */
export function trackerFrom(tracking: TrackingService): RunTracker {
  const experimentIds = new Map<string, Promise<string>>();
  const experimentId = (name: string): Promise<string> => {
    let id = experimentIds.get(name);
    if (!id) {
      id = tracking.ensureExperiment(name);
      // A failure (e.g. a name clash) must not stick: the next run tries again.
      id.catch(() => experimentIds.delete(name));
      experimentIds.set(name, id);
    }
    return id;
  };
  return {
    async startRun(spec) {
      const create = async (): Promise<string> => {
        const run = await tracking.createRun({
          experimentId: await experimentId(spec.experimentName),
          runName: spec.runName,
          startTime: spec.startTime,
          parentRunId: spec.parentRunId,
          tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
        });
        return run.runId;
      };
      try {
        return await create();
      } catch (error) {
        const cached = await experimentIds.get(spec.experimentName)?.catch(() => undefined);
        const stale = cached !== undefined && tracking.getExperiment(cached).lifecycleStage !== 'active';
        if (!stale) throw error;
        experimentIds.delete(spec.experimentName);
        return create();
      }
    },
    logBatch: (runId, batch) => tracking.logBatch(runId, batch),
    async logArtifact(runId, path, data) {
      await tracking.putArtifact(runId, path, data);
    },
    async endRun(runId, status, endTime) {
      await tracking.setTerminated(runId, status, endTime);
    },
  };
}
