/**
 * Every bad input of a prediction, through `neuroops predict` as a user meets it:
 * each is refused or fails with a message that says what is wrong, and leaves
 * nothing half-written (no upload, no job, no audit record for what was not
 * predicted). The zip refusals are the upload's (tests/unit/uploads), met here
 * through the command; a cut-off HTTP upload is tested in http-upload.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { cli } from '../../support/cli';
import { dataDirWithProductionModel, demoSubjects, rewriteSubjectEdf, subjectEdf, writeDemoBids } from '../../support/prediction-data';
import { tempDir } from '../../support/temp-dir';
import { leftovers, tinyBidsEntries, writeZip } from '../uploads/support';

/** What a data folder holds of predictions: uploads, jobs, prediction audit records. */
async function written(dataDir: string): Promise<{ uploads: number; jobs: number; predictions: number; scratch: string[] }> {
  const core = await createCore({ dataDir });
  try {
    return {
      uploads: (await core.dispatcher.invoke('uploads.list', {})).uploads.length,
      jobs: (await core.dispatcher.invoke('predictions.list', {})).total,
      predictions: (await core.dispatcher.invoke('audit.list', { kind: 'prediction' })).records.length,
      scratch: leftovers(path.join(dataDir, 'uploads')),
    };
  } finally {
    await core.close();
  }
}

const nothing = { uploads: 0, jobs: 0, predictions: 0, scratch: [] };

describe('bad input to a prediction', () => {
  const zips: Array<[string, () => string, RegExp]> = [
    ['a corrupt zip', () => {
      const file = writeZip(tinyBidsEntries());
      fs.truncateSync(file, fs.statSync(file).size - 30);
      return file;
    }, /dataset\.zip is not a readable zip file.*\[INVALID_FILE\]/s],
    ['a zip-slip entry', () => writeZip([...tinyBidsEntries(), { name: '../escape.txt', data: Buffer.from('x') }]), /escape\.txt.*\[UNSAFE_ZIP\]/s],
    ['a zip bomb', () => writeZip([...tinyBidsEntries(), { name: 'bomb.bin', data: Buffer.alloc(50 * 1024 * 1024), method: 8 }]), /bomb\.bin.*\[ZIP_TOO_LARGE\]/s],
    ['a zip with no BIDS dataset', () => writeZip([{ name: 'notes/readme.txt', data: Buffer.from('hello') }]), /dataset_description\.json.*\[NOT_RECOGNIZED\]/s],
    ['an empty zip', () => writeZip([]), /empty.*\[NOT_RECOGNIZED\]/s],
    ['an empty dataset', () => writeZip([{ name: 'dataset_description.json', data: Buffer.from('{"Name": "empty", "BIDSVersion": "1.8.0"}') }]), /no EEG recording.*\[DATASET_INVALID\]/s],
  ];
  for (const [what, make, message] of zips) {
    it(`refuses ${what} with a clear message and keeps nothing`, async () => {
      const dataDir = await dataDirWithProductionModel(tempDir());
      const result = await cli('predict', make(), '--data-dir', dataDir);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(await written(dataDir)).toEqual(nothing);
    }, 60_000);
  }

  it('refuses a dataset whose EDF file is truncated before running anything', async () => {
    const dataDir = await dataDirWithProductionModel(tempDir());
    const subjects = demoSubjects(3);
    const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), subjects);
    const edf = subjectEdf(dataset, subjects[0]!);
    fs.truncateSync(edf, Math.floor(fs.statSync(edf).size / 2));
    const result = await cli('predict', dataset, '--data-dir', dataDir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/DATASET_INVALID/);
    expect(result.stderr).toContain('sub-01_task-rest_eeg.edf');
    expect(await written(dataDir)).toEqual(nothing);
  }, 60_000);

  it('fails a recording shorter than one epoch, with why, and predicts the others', async () => {
    const dataDir = await dataDirWithProductionModel(tempDir());
    const subjects = demoSubjects(3);
    const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), subjects);
    rewriteSubjectEdf(dataset, subjects[0]!, { seconds: 3 });
    const result = await cli('predict', dataset, '--data-dir', dataDir, '--json');
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].entities).toEqual({ subject: '01', session: null, task: 'rest', run: null });
    expect(lines[0].error.message).toMatch(/epoch/);
    expect(lines[0].label).toBeUndefined();
    expect(lines[1].label).toMatch(/^(HC|MCI)$/);
    expect(result.stderr).toMatch(/3 recording\(s\) of "cohort" with eeg-classifier version 1 \(@production\): 2 predicted, 1 failed/);
    expect(await written(dataDir)).toMatchObject({ uploads: 1, jobs: 1, predictions: 2 });
  }, 60_000);

  it('with no production model, says how to train or promote one', async () => {
    const dataDir = tempDir();
    const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(1));
    const result = await cli('predict', dataset, '--data-dir', dataDir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/NO_PRODUCTION_MODEL/);
    expect(result.stderr).toContain('neuroops train');
    expect(result.stderr).toContain('neuroops models promote');
    expect(await written(dataDir)).toEqual(nothing);
    const named = await cli('predict', dataset, '--data-dir', await dataDirWithProductionModel(tempDir()), '--model', 'eeg-classifier@staging');
    expect(named.stderr).toContain('Model "eeg-classifier" has no alias "staging".');
  }, 60_000);

  it('refuses the same dataset while it is being predicted, and takes it again once that job has ended', async () => {
    const core = await createCore({ dataDir: await dataDirWithProductionModel(tempDir()) });
    try {
      const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(2));
      const first = await core.services.predictions.startPath(dataset, undefined);
      // Another upload of the same files is the same dataset.
      const again = await core.dispatcher.call('predictions.startPath', { path: dataset }, { transport: 'test' });
      expect(again).toMatchObject({ ok: false, error: { code: 'RESOURCE_CONFLICT' } });
      if (!again.ok) expect(again.error.message).toContain(`already being predicted with eeg-classifier version 1 (job ${first.id}`);
      // The refused start kept no upload and no job.
      expect((await core.dispatcher.invoke('uploads.list', {})).uploads).toHaveLength(1);
      expect((await core.dispatcher.invoke('predictions.list', {})).total).toBe(1);
      const done = await core.services.predictions.waitFor(first.id);
      expect(done.state).toBe('completed');
      const second = await core.services.predictions.waitFor((await core.services.predictions.startPath(dataset, 'eeg-classifier/1')).id);
      expect(second).toMatchObject({ state: 'completed', model: { alias: null, version: 1 } });
    } finally {
      await core.close();
    }
  }, 120_000);

  it('a cancelled prediction ends with no results and no audit record', async () => {
    const core = await createCore({ dataDir: await dataDirWithProductionModel(tempDir()) });
    try {
      const dataset = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(3));
      const started = await core.services.predictions.startPath(dataset, undefined);
      const cancelled = await core.services.predictions.cancel(started.id);
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.recordings.every((r) => r.status === 'failed' && r.auditSeq === null)).toBe(true);
      expect((await core.dispatcher.invoke('audit.list', { kind: 'prediction' })).records).toEqual([]);
    } finally {
      await core.close();
    }
  }, 120_000);
});
