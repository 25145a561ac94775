/**
 * A prediction end to end on a trained model in production: validation, the
 * `predict` flow (model's spec, harmonization, schema, inference), the job's
 * results, its run in the "predictions" experiment, one audit record per
 * recording that verifies in the chain, and the history procedures.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { featureVectorSha256 } from '../../../main/services/predictions/audit-payload';
import { demoSubjects, prepareProductionModel, writeDemoBids } from '../../support/prediction-data';
import { tempDir } from '../../support/temp-dir';
import fs from 'node:fs';
import os from 'node:os';

let modelDir: string;

beforeAll(async () => {
  modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-predict-model-'));
  await prepareProductionModel(modelDir);
  return () => fs.rmSync(modelDir, { recursive: true, force: true });
}, 180_000);

/** A copy of the data folder with the production model, so each test starts from it. */
function dataDirWithModel(): string {
  const dir = tempDir();
  fs.cpSync(modelDir, dir, { recursive: true });
  return dir;
}

describe('predictions', () => {
  it('predicts every recording of an upload with the production model and audits each prediction', async () => {
    const core = await createCore({ dataDir: dataDirWithModel() });
    try {
      const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(3));
      const upload = await core.dispatcher.invoke('uploads.add', { path: dataset });
      const validation = await core.dispatcher.invoke('predictions.validate', { uploadId: upload.id });
      expect(validation.ok).toBe(true);
      expect(validation.recordings.map((r) => r.entities.subject)).toEqual(['01', '02', '03']);
      const started = await core.dispatcher.invoke('predictions.start', { uploadId: upload.id }, { transport: 'test', user: 'alice' });
      expect(started.model).toMatchObject({ name: 'eeg-classifier', version: 1, alias: 'production' });
      const job = await core.services.predictions.waitFor(started.id);
      expect(job.state, JSON.stringify(job.recordings.map((r) => r.error))).toBe('completed');
      expect(job.counts).toEqual({ total: 3, ok: 3, failed: 0 });
      for (const r of job.recordings) {
        expect(['HC', 'MCI']).toContain(r.label);
        expect(Object.values(r.probabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect(r.quality!.epochsKept).toBeGreaterThan(0);
        expect(r.auditSeq).not.toBeNull();
      }
      const audit = core.dispatcher.invoke('audit.get', { seq: job.recordings[0]!.auditSeq! });
      const record = await audit;
      expect(record).toMatchObject({ kind: 'prediction', actor: 'alice' });
      const detail = await core.dispatcher.invoke('predictions.recording', { id: job.id, index: 0 });
      expect(detail.profile.length).toBeGreaterThan(0);
      expect((record.payload as { featureVectorSha256: string }).featureVectorSha256).toBe(featureVectorSha256(detail.profile.map((p) => p.value)));
      expect((await core.dispatcher.invoke('audit.verify', {})).ok).toBe(true);
    } finally {
      await core.close();
    }
  }, 120_000);
});
