/**
 * The few tracking calls the executor makes. It is its own interface so the executor does
 * not depend on how the tracker stores runs: tracking-adapter.ts fits the tracking service
 * to it, tests use an in-memory one, and `noTracking` turns tracking off.
 */
export type TrackedStatus = 'FINISHED' | 'FAILED' | 'KILLED';

export interface TrackedRunSpec {
  experimentName: string;
  runName: string;
  /** Nests the new run under this one (the `mlflow.parentRunId` tag). */
  parentRunId?: string;
  tags: Record<string, string>;
  startTime: number;
}

export interface TrackedBatch {
  params?: Array<{ key: string; value: string }>;
  tags?: Array<{ key: string; value: string }>;
  metrics?: Array<{ key: string; value: number; step: number; timestamp: number }>;
}

export interface RunTracker {
  /** Creates a RUNNING run and answers its id. */
  startRun(spec: TrackedRunSpec): Promise<string>;
  logBatch(runId: string, batch: TrackedBatch): Promise<void>;
  logArtifact(runId: string, path: string, data: Uint8Array): Promise<void>;
  endRun(runId: string, status: TrackedStatus, endTime: number): Promise<void>;
}

/** For hosts with no tracker: runs are executed and logged, but not tracked. */
export const noTracking: RunTracker = {
  startRun: async () => '',
  logBatch: async () => {},
  logArtifact: async () => {},
  endRun: async () => {},
};
