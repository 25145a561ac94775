/**
 * Training as a user starts it (the CLI's `neuroops train`, the Models page):
 * resolves the data (the demo is made on first use), runs the ml_pipeline flow,
 * and when the flow completes registers the train stage's model directory as a
 * new version, so the registry's gates can judge its metrics. Everything a
 * training is can be read back from the flow run, its tasks and the registry.
 */
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { trainResultSchema, type TrainingStatus } from '../../contract/training';
import type { FlowRun } from '../../contract/executor';
import { ensureTrainingDemo } from '../demo/training-demo';
import type { Executor } from '../executor/executor';
import type { RegistryService } from '../registry/registry-service';
import type { UploadStore } from '../uploads/upload-store';
import { sourceOfParams, trainingFlowParams, type ParsedTrainingOptions, type TrainingSource } from './flow-params';

export interface TrainingDeps {
  dataDir: string;
  executor: Executor;
  registry: RegistryService;
  uploads: UploadStore;
}

/** What to train on: the demo, a path on this computer, or an upload (a BIDS zip or a CSV table). */
export type TrainingRequestSource = TrainingSource | { kind: 'upload'; uploadId: string } | 'demo';

export interface TrainingService {
  start(source: TrainingRequestSource, options: ParsedTrainingOptions, user?: string): Promise<TrainingStatus>;
  get(flowRunId: string): TrainingStatus;
  /** Resolves once the flow has ended and, if it completed, its model is registered. */
  waitFor(flowRunId: string): Promise<TrainingStatus>;
}

export function createTrainingService(deps: TrainingDeps): TrainingService {
  const registrations = new Map<string, Promise<void>>();

  function trainRunIdOf(flowRunId: string): string | null {
    const { taskRuns } = deps.executor.getFlowRun(flowRunId);
    return taskRuns.filter((t) => t.label === 'train' && t.state === 'Completed').at(-1)?.trackingRunId ?? null;
  }

  function get(flowRunId: string): TrainingStatus {
    const { flowRun } = deps.executor.getFlowRun(flowRunId);
    const trainRunId = trainRunIdOf(flowRunId);
    const parsed = trainResultSchema.safeParse(flowRun.result);
    const versions = trainRunId ? deps.registry.searchVersions({ filter: `run_id = '${trainRunId}'`, maxResults: 10 }).items : [];
    return {
      flowRun,
      source: sourceOfParams(flowRun.params),
      trainRunId,
      result: flowRun.state === 'Completed' && parsed.success ? parsed.data : null,
      modelVersion: versions.sort((a, b) => b.version - a.version)[0] ?? null,
    };
  }

  async function register(run: FlowRun, name: string, user: string | undefined): Promise<void> {
    if (run.state !== 'Completed') return;
    const trainRunId = trainRunIdOf(run.flowRunId);
    if (!trainRunId) throw new AppError('INVALID_STATE', `Training ${run.flowRunId} completed without a train stage run to register.`);
    const artifactPath = trainResultSchema.parse(run.result).modelArtifactPath;
    deps.registry.ensureModel(name);
    await deps.registry.createVersion({ name, source: `runs:/${trainRunId}/${artifactPath}`, runId: trainRunId, userId: user, description: `Trained by ml_pipeline run ${run.flowRunId}.` });
  }

  async function resolveSource(source: TrainingRequestSource): Promise<TrainingSource> {
    if (source === 'demo') return { kind: 'dataset', path: await ensureTrainingDemo(deps.dataDir) };
    if (source.kind !== 'upload') return source;
    const record = await deps.uploads.get(source.uploadId);
    const root = await deps.uploads.datasetPath(source.uploadId);
    // A table is its upload's one file; anything else is a BIDS dataset.
    return record.source === 'csv' ? { kind: 'features', path: path.join(root, record.files[0]!.path) } : { kind: 'dataset', path: root };
  }

  return {
    async start(source, options, user) {
      const resolved = await resolveSource(source);
      const run = deps.executor.start('ml_pipeline', trainingFlowParams(resolved, options), null, user);
      const name = options.register;
      if (name !== null) {
        const done = deps.executor.waitFor(run.flowRunId).then((ended) => register(ended, name, user));
        // A failed registration is reported by waitFor; nothing else may see it unhandled.
        done.catch((error: unknown) => console.error(`training: registering ${run.flowRunId} failed:`, error));
        registrations.set(run.flowRunId, done);
      }
      return get(run.flowRunId);
    },
    get,
    async waitFor(flowRunId) {
      await deps.executor.waitFor(flowRunId);
      const registration = registrations.get(flowRunId);
      if (registration) {
        registrations.delete(flowRunId);
        await registration;
      }
      return get(flowRunId);
    },
  };
}
