/**
 * A prediction end to end on a trained model in production: validation, the
 * `predict` flow (model's spec, harmonization, schema, inference), the job's
 * results, its run in the "predictions" experiment, one audit record per
 * recording that verifies in the chain, and the history procedures.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { featureVectorSha256 } from '../../../main/services/predictions/audit-payload';
import { dataDirWithProductionModel, demoSubjects, rewriteSubjectEdf, writeDemoBids } from '../../support/prediction-data';
import { tempDir } from '../../support/temp-dir';

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('predictions', () => {
  it('predicts every recording of an upload with the production model and audits each prediction', async () => {
    const core = await createCore({ dataDir: await dataDirWithProductionModel(tempDir()) });
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

      // The job is a run of the "predictions" experiment, with its inputs and results as artifacts.
      const run = core.services.tracking.getRun(job.runId!);
      expect(core.services.tracking.getExperiment(run.info.experimentId).name).toBe('predictions');
      expect(core.services.tracking.listArtifacts(job.runId!, 'prediction').map((a) => a.path).sort()).toEqual([
        'prediction/inputs.json',
        'prediction/results.csv',
        'prediction/results.json',
      ]);
      const inputs = JSON.parse(fs.readFileSync(core.services.tracking.openArtifact(job.runId!, 'prediction/inputs.json').file, 'utf8'));
      expect(inputs.recordings[0].files.find((f: { path: string }) => f.path.endsWith('_eeg.edf')).sha256).toBe(sha256(path.join(dataset, 'sub-01/eeg/sub-01_task-rest_eeg.edf')));

      // History: listed, filtered by label and model, counted per day.
      const label = job.recordings[0]!.label!;
      expect((await core.dispatcher.invoke('predictions.list', { label })).jobs.map((j) => j.id)).toEqual([job.id]);
      expect((await core.dispatcher.invoke('predictions.list', { model: 'another-model' })).total).toBe(0);
      const day = new Date(job.createdAt).toISOString().slice(0, 10);
      const counts = await core.dispatcher.invoke('predictions.labelCounts', {});
      expect(counts.days).toEqual([{ day, counts: Object.fromEntries(['HC', 'MCI'].flatMap((l) => { const n = job.recordings.filter((r) => r.label === l).length; return n ? [[l, n]] : []; })) }]);
      const csv = core.services.predictions.exportCsv({ job: job.id }).trim().split('\n');
      expect(csv[0]).toBe('job_id,created_at,model,model_version,subject,session,task,run,status,label,p_HC,p_MCI,epochs_kept,out_of_distribution,flag_features,error,audit_seq');
      expect(csv).toHaveLength(4);
      const models = await core.dispatcher.invoke('predictions.models', {});
      expect(models.models[0]).toMatchObject({ name: 'eeg-classifier', version: 1, isProduction: true, aliases: ['production'] });
      expect(models.models[0]!.metrics.accuracy).toBeGreaterThanOrEqual(0);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('fails only the recordings that cannot be predicted, with the reason, and flags one outside the training data', async () => {
    const core = await createCore({ dataDir: await dataDirWithProductionModel(tempDir()) });
    try {
      const subjects = demoSubjects(5);
      // sub-04 (siteA) has a 38 Hz rhythm where the training recordings had alpha: gamma power far beyond theirs.
      subjects[3] = { ...subjects[3]!, alphaHz: 38, alphaUv: 35 };
      const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), subjects);
      // sub-03 (siteC, EDF) was recorded without Fp1 and O2.
      rewriteSubjectEdf(dataset, subjects[2]!, { dropChannels: ['Fp1', 'O2'] });
      // sub-02 comes from a site the model's harmonization never saw; the model's rule refuses it.
      const participants = path.join(dataset, 'participants.tsv');
      fs.writeFileSync(participants, fs.readFileSync(participants, 'utf8').replace(/^(sub-02\t\w+\t)siteB/m, '$1siteZ'));
      const job = await core.services.predictions.waitFor((await core.services.predictions.startPath(dataset, 'eeg-classifier')).id);
      expect(job.state).toBe('completed');
      const [r1, r2, r3, r4, r5] = job.recordings;
      expect(r1!.status).toBe('ok');
      expect(r5!.status).toBe('ok');
      expect(r2).toMatchObject({ status: 'failed', label: null, auditSeq: null, error: { code: 'UNKNOWN_SITE' } });
      expect(r2!.error!.message).toContain('siteZ');
      expect(r3).toMatchObject({ status: 'failed', label: null, auditSeq: null, error: { code: 'FEATURE_SCHEMA_MISMATCH' } });
      expect(r3!.error!.message).toMatch(/channels FP1, O2 missing; the model needs them for \d+ of its features \(power_FP1_Delta/);
      expect(r3!.error!.message).toContain('Nothing was filled in');
      expect(r4!.status, JSON.stringify(r4!.error)).toBe('ok');
      expect(r4!.flags).toHaveLength(1);
      expect(r4!.flags[0]!.kind).toBe('out_of_distribution');
      expect(r4!.flags[0]!.features.length).toBeGreaterThan(0);
      for (const f of r4!.flags[0]!.features) {
        expect(Math.abs(f.z)).toBeGreaterThan(4);
        expect(f.z).toBeCloseTo((f.value - f.mean) / f.std, 9);
      }
      expect(r4!.flags[0]!.message).toContain(r4!.flags[0]!.features[0]!.name);
      expect(r1!.flags).toEqual([]);
      expect(r5!.flags).toEqual([]);
      expect(job.counts).toEqual({ total: 5, ok: 3, failed: 2 });
      // Audit records for the three predictions only; the flag is among the record's warnings.
      const records = (await core.dispatcher.invoke('audit.list', { kind: 'prediction' })).records;
      expect(records.map((r) => r.seq).sort()).toEqual([r1!.auditSeq, r4!.auditSeq, r5!.auditSeq].sort());
      const flagged = records.find((r) => r.seq === r4!.auditSeq)!.payload as { warnings: string[] };
      expect(flagged.warnings).toContain(r4!.flags[0]!.message);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('a tampered or deleted prediction record is found by audit verify', async () => {
    const core = await createCore({ dataDir: await dataDirWithProductionModel(tempDir()) });
    const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(3));
    const job = await core.services.predictions.waitFor((await core.services.predictions.startPath(dataset, undefined)).id);
    const [a, b] = job.recordings.map((r) => r.auditSeq!);
    core.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const payload = core.db.prepare<[number], { payload_json: string }>('SELECT payload_json FROM audit_log WHERE seq = ?').get(a!)!.payload_json;
    core.db.prepare('UPDATE audit_log SET payload_json = ? WHERE seq = ?').run(payload.replace(/"label":"(HC|MCI)"/, (_, l: string) => `"label":"${l === 'HC' ? 'MCI' : 'HC'}"`), a!);
    expect(await core.dispatcher.invoke('audit.verify', {})).toMatchObject({ ok: false, firstBroken: { seq: a } });
    core.db.prepare('UPDATE audit_log SET payload_json = ? WHERE seq = ?').run(payload, a!);
    expect((await core.dispatcher.invoke('audit.verify', {})).ok).toBe(true);
    core.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(b!);
    expect(await core.dispatcher.invoke('audit.verify', {})).toMatchObject({ ok: false, firstBroken: { seq: b } });
    await core.close();
  }, 120_000);

  it('announces each change of a running job as predictions.progress, and ends a job a stopped process left behind', async () => {
    const dataDir = await dataDirWithProductionModel(tempDir());
    const core = await createCore({ dataDir });
    const seen: Array<{ state: string; stage: string; statuses: string }> = [];
    core.events.subscribe((e) => {
      if (e.name !== 'predictions.progress') return;
      const job = e.payload as { state: string; stage: string; recordings: Array<{ status: string }> };
      seen.push({ state: job.state, stage: job.stage, statuses: job.recordings.map((r) => r.status).join(',') });
    });
    const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(2));
    const job = await core.services.predictions.waitFor((await core.services.predictions.startPath(dataset, undefined)).id);
    expect(seen.at(-1)).toEqual({ state: 'completed', stage: 'done', statuses: 'ok,ok' });
    expect(seen.some((s) => s.state === 'running' && s.stage === 'inference')).toBe(true);

    // A job row a killed process left running, its flow run never recorded.
    const row = core.services.predictions.store.get(job.id)!;
    const lost = { ...row, id: 'pj-lost', state: 'queued' as const, created_at: Date.now() - 120_000, dataset_sha256: 'x'.repeat(64) };
    expect(core.services.predictions.store.insert(lost)).toBe(true);
    core.services.predictions.store.started('pj-lost', 'no-such-flow-run', null);
    await core.close();
    const reopened = await createCore({ dataDir });
    try {
      expect(reopened.services.predictions.get('pj-lost')).toMatchObject({ state: 'failed', error: { code: 'INTERRUPTED' } });
      expect(reopened.services.predictions.get(job.id).state).toBe('completed');
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
