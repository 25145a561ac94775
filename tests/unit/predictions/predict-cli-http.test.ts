/**
 * The two other ways in: `neuroops predict DATASET --json --out results.csv` on a zip,
 * and headless mode over HTTP (upload the zip, start, follow the job, export the CSV).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli';
import { dataDirWithProductionModel, demoSubjects, writeDemoBids } from '../../support/prediction-data';
import { tempDir } from '../../support/temp-dir';
import { serverPerTest } from '../../support/test-server';
import { buildZip } from '../zip/support/zip-writer';

/** A demo cohort of `n` subjects as a zip whose dataset sits in one top folder, as most zips are made. */
function cohortZip(n: number): Buffer {
  const dir = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(n));
  const entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return buildZip(entries.map((e) => ({ name: `cohort/${path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')}`, data: fs.readFileSync(path.join(e.parentPath, e.name)), method: 8 })));
}

const serve = serverPerTest();

describe('neuroops predict and predictions over HTTP', () => {
  it('neuroops predict ZIP --json --out: one object per recording on stdout, progress on stderr, the CSV written', async () => {
    const dataDir = await dataDirWithProductionModel(tempDir());
    const zip = path.join(tempDir(), 'cohort.zip');
    fs.writeFileSync(zip, cohortZip(2));
    const out = path.join(tempDir(), 'results.csv');
    const result = await cli('predict', zip, '--json', '--out', out, '--data-dir', dataDir);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.entities)).toEqual([
      { subject: '01', session: null, task: 'rest', run: null },
      { subject: '02', session: null, task: 'rest', run: null },
    ]);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['entities', 'label', 'probabilities', 'flags']));
      expect(Object.keys(l.probabilities as object).sort()).toEqual(['HC', 'MCI']);
    }
    expect(result.stderr).toContain('task validate: Completed');
    expect(result.stderr).toContain('task preprocess sub-01/eeg/sub-01_task-rest_eeg.edf: Completed');
    expect(result.stderr).toContain('2 recording(s) of "cohort.zip" with eeg-classifier version 1 (@production): 2 predicted, 0 failed');
    const csv = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(',01,,rest,,ok,');
    expect(fs.existsSync(`${out}.partial`)).toBe(false);

    const text = await cli('predict', zip, '--data-dir', dataDir, '--model', 'eeg-classifier');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^sub-01_task-rest {2}(HC|MCI) {2}\(HC 0\.\d{3}, MCI 0\.\d{3}\)$/m);
  }, 120_000);

  it('over HTTP: upload the zip, validate, start, follow the job to its results, export them as CSV; startPath is refused', async () => {
    const dataDir = await dataDirWithProductionModel(tempDir());
    const server = await serve(dataDir);
    const rpc = async (name: string, input: unknown) => {
      const response = await fetch(`${server.url}api/rpc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> & { id: string; code: string; message: string } };
    };
    const upload = await fetch(`${server.url}api/uploads?fileName=cohort.zip`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(cohortZip(2)) });
    const { id: uploadId } = (await upload.json()) as { id: string };
    const validation = (await rpc('predictions.validate', { uploadId })).body as unknown as { ok: boolean; recordings: Array<{ files: Array<{ path: string; sha256: string }> }> };
    expect(validation.ok).toBe(true);
    // Paths from the dataset's root (the zip's top folder left out), each file with its sha256.
    expect(validation.recordings[0]!.files.map((f) => f.path)).toEqual([
      'sub-01/eeg/sub-01_task-rest_eeg.edf',
      'task-rest_eeg.json',
      'sub-01/eeg/sub-01_task-rest_channels.tsv',
      'sub-01/eeg/sub-01_task-rest_events.tsv',
    ]);
    expect(validation.recordings[0]!.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    const refused = await rpc('predictions.startPath', { path: dataDir });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(refused.body)).toContain('POST /api/uploads');
    const started = await rpc('predictions.start', { uploadId });
    expect(started.status).toBe(200);
    let job = started.body;
    for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await rpc('predictions.get', { id: started.body.id })).body;
    }
    expect(job).toMatchObject({ state: 'completed', counts: { total: 2, ok: 2, failed: 0 } });
    const csv = await fetch(`${server.url}api/predictions/export.csv?job=${job.id}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split('\n')).toHaveLength(3);
    const history = await fetch(`${server.url}api/predictions/export.csv?model=eeg-classifier&from=2000-01-01`);
    expect((await history.text()).trim().split('\n')).toHaveLength(3);
    const bad = await fetch(`${server.url}api/predictions/export.csv?from=yesterday`);
    expect(bad.status).toBe(400);
  }, 120_000);
});
