/**
 * Predictions as a user runs them (the Predictions page, `neuroops predict`):
 *
 *   start   the upload is validated (an error finding refuses it), the model
 *           resolved and opened (its ONNX checked against the registered hash),
 *           a job row written (a live job on the same dataset and model version
 *           refuses it), then the `predict` flow started on the executor;
 *   finish  when the flow completes, the model runs on the prepared vectors and,
 *           in one transaction, each predicted recording's audit record, the
 *           results and the job's end are written. A flow that fails or is
 *           cancelled ends the job with no results and no audit record.
 *
 * While a job runs its view is read from the flow's task runs; a
 * `predictions.progress` event carries it whenever it changes.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { AppError } from '../../core/app-error';
import type { EventBus } from '../../core/event-bus';
import type { Db } from '../../db/database';
import type { PredictionJob, PredictionModel, PredictionValidation } from '../../contract/predictions';
import type { PredictFlowResult } from '../../../pipelines/flows/predict/flow';
import type { AuditChain } from '../audit/audit-chain';
import type { Executor } from '../executor/executor';
import { OnnxSessionCache } from '../inference/session-cache';
import type { RegistryService } from '../registry/registry-service';
import { PRODUCTION_ALIAS } from '../registry/types';
import type { TrackingService } from '../tracking/tracking-service';
import type { UploadStore } from '../uploads/upload-store';
import { PREDICTION_AUDIT_KIND, predictionAuditPayload } from './audit-payload';
import { runModel } from './infer';
import { JobStore, type JobFilter, type JobRow, type NewResult } from './job-store';
import { jobView } from './job-view';
import { resolveModel } from './model-ref';
import { openModelForPrediction, type OpenedModel } from './open-model';
import { jobInputs, resultsCsv } from './results-files';
import { validateUpload } from './validate-upload';

export interface PredictionDeps {
  db: Db;
  executor: Executor;
  registry: RegistryService;
  tracking: TrackingService;
  uploads: UploadStore;
  audit: AuditChain;
  events: EventBus;
  now?: () => number;
}

/** A live job whose flow ended this long ago without its results is taken as lost (its process stopped). */
const LOST_AFTER_MS = 60_000;
const PROGRESS_POLL_MS = 250;

function systemUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

function listSome(items: string[], max = 3): string {
  return items.length > max ? `${items.slice(0, max).join('; ')} and ${items.length - max} more` : items.join('; ');
}

export class PredictionService {
  readonly store: JobStore;
  private readonly sessions = new OnnxSessionCache();
  /** Jobs of this process: their finishing work, and whether the flow is done and the model running. */
  private readonly running = new Map<string, { done: Promise<void>; finishing: boolean }>();
  private readonly lastEmitted = new Map<string, string>();
  private progressTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: PredictionDeps) {
    this.store = new JobStore(deps.db);
    this.now = deps.now ?? Date.now;
  }

  /** Ends jobs left live by a process that stopped (their flow crashed, or ended without results). Run at start-up. */
  reconcile(): void {
    for (const row of this.store.live()) {
      if (this.running.has(row.id)) continue;
      const flow = row.flow_run_id ? this.flowRunOrNull(row.flow_run_id) : null;
      // A flow still going may belong to another process (crash recovery ends it if that process is gone);
      // a job with no flow run (never started, or its run is gone) is lost since it was made.
      const ended = flow ? flow.endedAt : row.created_at;
      if (ended === null || this.now() - ended < LOST_AFTER_MS) continue;
      this.store.finish(row.id, 'failed', this.now(), { code: 'INTERRUPTED', message: 'NeuroOps stopped before this prediction finished; nothing of it was written to the audit log. Run it again.' });
    }
  }

  async validate(uploadId: string): Promise<PredictionValidation> {
    const upload = await this.deps.uploads.get(uploadId);
    const { ok, findings, recordings } = await validateUpload(upload, await this.deps.uploads.datasetPath(uploadId));
    return { ok, findings, recordings };
  }

  async start(uploadId: string, modelRef: string | undefined, user = systemUser()): Promise<PredictionJob> {
    const upload = await this.deps.uploads.get(uploadId);
    const datasetPath = await this.deps.uploads.datasetPath(uploadId);
    const validation = await validateUpload(upload, datasetPath);
    if (!validation.ok) {
      const errors = validation.findings.filter((f) => f.severity === 'error').map((f) => `${f.path ? `${f.path}: ` : ''}${f.message}`);
      throw new AppError('DATASET_INVALID', `"${upload.name}" cannot be predicted: ${errors.length} error(s) in the dataset: ${listSome(errors)}. Fix them and upload it again.`);
    }
    const resolved = resolveModel(this.deps.registry, modelRef);
    const model = openModelForPrediction(this.deps.registry, resolved.version);
    const id = `pj-${crypto.randomUUID()}`;
    const row = {
      id,
      state: 'queued' as const,
      created_at: this.now(),
      user,
      upload_id: upload.id,
      dataset_name: upload.name,
      dataset_path: datasetPath,
      dataset_sha256: validation.datasetSha256,
      model_name: resolved.version.name,
      model_version: resolved.version.version,
      model_alias: resolved.alias,
      onnx_sha256: model.onnxSha256,
      spec_hash: model.flowModel.specHash,
      recordings_json: JSON.stringify(validation.recordingInputs),
    };
    if (!this.store.insert(row)) {
      const live = this.store.liveOn(validation.datasetSha256, resolved.version.name, resolved.version.version);
      throw new AppError(
        'RESOURCE_CONFLICT',
        `This dataset is already being predicted with ${resolved.version.name} version ${resolved.version.version}` +
          `${live ? ` (job ${live.id}, started ${new Date(live.created_at).toISOString()} by ${live.user})` : ''}. Wait for that job to finish, or cancel it, before starting it again.`,
      );
    }
    try {
      const flowRun = this.deps.executor.start('predict', { dataset: datasetPath, model: model.flowModel }, null, user);
      this.store.started(id, flowRun.flowRunId, flowRun.trackingRunId);
      const entry = { done: Promise.resolve(), finishing: false };
      entry.done = this.finish(id, flowRun.flowRunId, model, entry).catch((error: unknown) => console.error(`predictions: finishing ${id} failed:`, error));
      this.running.set(id, entry);
      this.watchProgress();
    } catch (error) {
      this.store.finish(id, 'failed', this.now(), { code: (error as { code?: string }).code ?? 'INTERNAL_ERROR', message: (error as Error).message });
      throw error;
    }
    return this.get(id);
  }

  /** Keeps a folder or zip on this computer as an upload and predicts on it; a refused start removes that upload again. */
  async startPath(source: string, modelRef: string | undefined, user?: string): Promise<PredictionJob> {
    const upload = await this.deps.uploads.add(source);
    try {
      return await this.start(upload.id, modelRef, user);
    } catch (error) {
      await this.deps.uploads.remove(upload.id).catch(() => undefined);
      throw error;
    }
  }

  get(id: string): PredictionJob {
    const row = this.store.get(id);
    if (!row) throw new AppError('RESOURCE_DOES_NOT_EXIST', `No prediction job "${id}"; predictions.list shows the jobs.`);
    return this.view(row);
  }

  /** Resolves once the job has ended (in this process). */
  async waitFor(id: string): Promise<PredictionJob> {
    await this.running.get(id)?.done;
    return this.get(id);
  }

  async cancel(id: string): Promise<PredictionJob> {
    const job = this.get(id);
    if (job.state !== 'queued' && job.state !== 'running') throw new AppError('INVALID_STATE', `Prediction job ${id} has already ended (${job.state}).`);
    if (job.flowRunId) await this.deps.executor.cancel(job.flowRunId);
    await this.running.get(id)?.done;
    return this.get(id);
  }

  list(filter: JobFilter, limit: number, offset: number): { jobs: PredictionJob[]; total: number } {
    const { rows, total } = this.store.list(filter, limit, offset);
    return { jobs: rows.map((r) => this.view(r)), total };
  }

  labelCounts(filter: Omit<JobFilter, 'label'>): { days: Array<{ day: string; counts: Record<string, number> }> } {
    const days = new Map<string, Record<string, number>>();
    for (const { day, label, n } of this.store.labelCounts(filter)) {
      const counts = days.get(day) ?? {};
      counts[label] = n;
      days.set(day, counts);
    }
    return { days: [...days].map(([day, counts]) => ({ day, counts })) };
  }

  /** One recording in detail: its features against the training statistics, its audit record, its files. */
  recording(id: string, index: number) {
    const job = this.get(id);
    const recording = job.recordings[index];
    if (!recording) throw new AppError('RESOURCE_DOES_NOT_EXIST', `Prediction job ${id} has ${job.recordings.length} recordings; there is none at index ${index}.`);
    const result = this.store.results(id).find((r) => r.idx === index);
    const values = result?.features_json ? (JSON.parse(result.features_json) as number[]) : null;
    let profile: Array<{ feature: string; value: number; mean: number; std: number; q05: number; q95: number }> = [];
    if (values) {
      const model = this.openedOrNull(job.model.name, job.model.version);
      const stats = new Map((model?.flowModel.trainingStats ?? []).map((s) => [s.name, s]));
      profile = (model?.flowModel.featureNames ?? []).flatMap((feature, i) => {
        const s = stats.get(feature);
        const value = values[i];
        return s && value !== undefined ? [{ feature, value, mean: s.mean, std: s.std, q05: s.quantiles['0.05'] ?? s.min, q95: s.quantiles['0.95'] ?? s.max }] : [];
      });
    }
    const auditRecord = recording.auditSeq === null ? null : this.deps.audit.get(recording.auditSeq);
    return { recording, profile, auditRecord, files: recording.files };
  }

  /** Every READY version with an ONNX model: production first, then newest. */
  models(): { models: PredictionModel[] } {
    const out: PredictionModel[] = [];
    for (const m of this.deps.registry.searchModels({ maxResults: 1000 }).items) {
      for (const v of this.deps.registry.listVersions(m.name)) {
        if (v.status !== 'READY' || !v.modelSha256) continue;
        out.push({
          name: v.name,
          version: v.version,
          aliases: v.aliases,
          stage: v.currentStage,
          isProduction: v.aliases.includes(PRODUCTION_ALIAS),
          metrics: this.deps.registry.versionMetrics(v.name, v.version) ?? {},
          specHash: v.specHash,
          createdAt: v.creationTimestamp,
        });
      }
    }
    out.sort((a, b) => Number(b.isProduction) - Number(a.isProduction) || b.createdAt - a.createdAt);
    return { models: out };
  }

  /** The results of one job, or of the jobs a history filter selects, as CSV. */
  exportCsv(query: { job?: string } & JobFilter): string {
    return resultsCsv(this.exportJobs(query));
  }

  /** The jobs an export holds: one job with `job`, else every job of the history under the filter. */
  exportJobs(query: { job?: string } & JobFilter): PredictionJob[] {
    if (query.job) return [this.get(query.job)];
    const jobs: PredictionJob[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = this.list(query, 500, offset);
      jobs.push(...page.jobs);
      if (page.jobs.length < 500) break;
    }
    return jobs;
  }

  async close(): Promise<void> {
    if (this.progressTimer) clearInterval(this.progressTimer);
    this.progressTimer = null;
    await Promise.all([...this.running.values()].map((r) => r.done));
    await this.sessions.close();
  }

  private view(row: JobRow): PredictionJob {
    const live = this.running.get(row.id);
    const taskRuns = row.flow_run_id && (row.state === 'queued' || row.state === 'running') ? (this.flowDetailOrNull(row.flow_run_id)?.taskRuns ?? []) : [];
    return jobView(row, this.store.results(row.id), { taskRuns, finishing: live?.finishing ?? false });
  }

  private flowDetailOrNull(flowRunId: string) {
    try {
      return this.deps.executor.getFlowRun(flowRunId);
    } catch {
      return null;
    }
  }

  private flowRunOrNull(flowRunId: string) {
    return this.flowDetailOrNull(flowRunId)?.flowRun ?? null;
  }

  private openedOrNull(name: string, version: number): OpenedModel | null {
    try {
      return openModelForPrediction(this.deps.registry, this.deps.registry.getVersion(name, version));
    } catch {
      return null;
    }
  }

  private async finish(id: string, flowRunId: string, model: OpenedModel, entry: { finishing: boolean }): Promise<void> {
    try {
      const ended = await this.deps.executor.waitFor(flowRunId);
      if (ended.trackingRunId) this.store.setRunId(id, ended.trackingRunId);
      if (ended.state !== 'Completed') {
        const cancelled = ended.state === 'Cancelled';
        this.store.finish(id, cancelled ? 'cancelled' : 'failed', this.now(), {
          code: cancelled ? 'CANCELLED' : 'PREDICTION_FAILED',
          message: cancelled ? 'The prediction was cancelled; nothing of it was written to the audit log.' : (ended.stateMessage ?? `The prediction flow ended ${ended.state}.`),
        });
        return;
      }
      entry.finishing = true;
      this.emitProgress(id);
      await this.complete(id, ended.result as PredictFlowResult, model, ended.trackingRunId);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      const row = this.store.get(id);
      if (row && (row.state === 'queued' || row.state === 'running')) {
        this.store.finish(id, 'failed', this.now(), { code: code ?? 'INTERNAL_ERROR', message: message ?? String(error) });
      }
    } finally {
      this.running.delete(id);
      this.emitProgress(id);
    }
  }

  /** Inference, then the results, the audit records and the job's end in one transaction. */
  private async complete(id: string, result: PredictFlowResult, model: OpenedModel, runId: string | null): Promise<void> {
    const row = this.store.get(id)!;
    const inputs = this.store.recordingsOf(row);
    const prepared = new Map(result.recordings.map((r) => [r.path, r]));
    const ready = inputs.flatMap((input, idx) => {
      const p = prepared.get(input.path);
      return p?.ok ? [{ idx, input, p }] : [];
    });
    const outputs = await runModel(this.sessions, model, ready.map((r) => r.p.vector));
    const at = this.now();
    const results: NewResult[] = inputs.map((input, idx) => {
      const p = prepared.get(input.path);
      const error = !p ? { code: 'NOT_PREDICTED', message: `${input.path} was not part of the flow's result.` } : p.ok ? null : p.error;
      return { idx, status: 'failed', label: null, probabilities: null, quality: null, flags: [], error, features: null, auditSeq: null };
    });
    const write = this.deps.db.transaction(() => {
      ready.forEach(({ idx, input, p }, k) => {
        const out = outputs[k]!;
        const record = this.deps.audit.append({
          kind: PREDICTION_AUDIT_KIND,
          at,
          actor: row.user,
          payload: predictionAuditPayload({
            jobId: id,
            dataset: { uploadId: row.upload_id, name: row.dataset_name },
            recording: input,
            model: { name: row.model_name, version: row.model_version, onnxSha256: row.onnx_sha256 },
            specHash: row.spec_hash,
            vector: p.vector,
            label: out.label,
            probabilities: out.probabilities,
            quality: p.quality,
            warnings: p.warnings,
            flags: p.flags,
          }),
        });
        results[idx] = { idx, status: 'ok', label: out.label, probabilities: out.probabilities, quality: p.quality, flags: p.flags, error: null, features: p.vector, auditSeq: record.seq };
      });
      this.store.addResults(id, results);
      this.store.finish(id, 'completed', at, null);
    });
    write();
    if (runId) await this.logArtifacts(id, runId);
  }

  /** The job's inputs and results on its run in the "predictions" experiment. */
  private async logArtifacts(id: string, runId: string): Promise<void> {
    const job = this.get(id);
    try {
      await this.deps.tracking.putArtifact(runId, 'prediction/inputs.json', Buffer.from(`${JSON.stringify(jobInputs(job), null, 2)}\n`));
      await this.deps.tracking.putArtifact(runId, 'prediction/results.json', Buffer.from(`${JSON.stringify(job.recordings, null, 2)}\n`));
      await this.deps.tracking.putArtifact(runId, 'prediction/results.csv', Buffer.from(resultsCsv([job])));
      await this.deps.tracking.setTag(runId, { key: 'neuroops.prediction_job', value: id });
    } catch (error) {
      // The results and the audit are written; a run without its copies is reported, not undone.
      console.error(`predictions: logging the artifacts of ${id} failed:`, error);
    }
  }

  /** While this process has live jobs, a progress event goes out whenever one's view changes. */
  private watchProgress(): void {
    if (this.progressTimer) return;
    this.progressTimer = setInterval(() => {
      for (const id of this.running.keys()) this.emitProgress(id);
      if (this.running.size === 0 && this.progressTimer) {
        clearInterval(this.progressTimer);
        this.progressTimer = null;
      }
    }, PROGRESS_POLL_MS);
    this.progressTimer.unref();
  }

  private emitProgress(id: string): void {
    if (this.deps.events.listenerCount === 0) return;
    const job = this.get(id);
    const key = JSON.stringify(job);
    if (this.lastEmitted.get(id) === key) return;
    if (job.state === 'queued' || job.state === 'running') this.lastEmitted.set(id, key);
    else this.lastEmitted.delete(id);
    this.deps.events.emit('predictions.progress', job);
  }
}
