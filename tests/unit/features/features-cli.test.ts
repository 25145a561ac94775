/** `neuroops features`: the table and its spec on disk, JSON on stdout, per-recording errors and the exit code. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC_HASH_METADATA_KEY, arrowIpcToTable } from '../../../pipelines/features/arrow-table';
import { defaultSpec, specHash } from '../../../pipelines/preprocess/spec';
import { cli } from '../../support/cli';

const demo = join(__dirname, '../../../resources/demo/bids');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neuroops-features-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('neuroops features', () => {
  it('prints the default spec', async () => {
    const r = await cli('features', '--print-default-spec');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(defaultSpec());
    // PREP as pyprep runs it by default: bad-channel detection and the robust average reference.
    const step = (name: string) => printed.steps.find((s: { name: string }) => s.name === name);
    expect(step('bad_channels').enabled).toBe(true);
    expect(step('average_reference').params.method).toBe('robust');
  });

  it('writes the demo table and its spec, prints rows and errors as JSON, progress on stderr', async () => {
    const out = join(dir, 'demo.csv');
    const r = await cli('features', demo, '--out', out, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.rows).toHaveLength(6);
    expect(result.errors).toEqual([]);
    expect(result.rows[3]).toMatchObject({ participant_id: 'sub-04', group: 'ACr', task: 'rest' });
    expect(result.specHash).toBe(specHash(defaultSpec()));
    const csv = (await readFile(out, 'utf8')).trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(csv[0]!.split(',')).toEqual(result.columns);
    const beside = JSON.parse(await readFile(join(dir, 'demo.spec.json'), 'utf8'));
    expect(beside).toEqual({ specHash: result.specHash, spec: defaultSpec() });
    expect(r.stderr).toContain('[6/6] sub-06/eeg/sub-06_task-rest_eeg.edf');
  });

  it('exits non-zero with every recording failing for a clear reason, and no row', async () => {
    const spec = defaultSpec();
    const ep = spec.steps.find((s) => s.name === 'epochs')!;
    if (ep.name === 'epochs') ep.params.minEpochs = 13;
    const specFile = join(dir, 'strict.json');
    await writeFile(specFile, JSON.stringify(spec));
    const r = await cli('features', demo, '--spec', specFile, '--out', join(dir, 'strict.csv'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('6 recordings: 0 in the table, 6 failed.');
    expect(r.stdout).toContain('sub-01/eeg/sub-01_task-rest_eeg.edf: 60.0 s of EEG holds 12 epochs of 5 s; the spec needs at least 13. [RECORDING_TOO_SHORT]');
  });

  it('refuses a spec with a wrong key, naming it', async () => {
    const specFile = join(dir, 'bad.json');
    await writeFile(specFile, JSON.stringify({ ...defaultSpec(), version: 2 }));
    const r = await cli('features', demo, '--spec', specFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Preprocessing spec: version: .*\[INVALID_SPEC\]/);
  });

  it('`neuroops features DATASET --out FILE.arrow` writes the demo table that reads back equal to the JSON rows', async () => {
    const out = join(dir, 'demo.arrow');
    const r = await cli('features', demo, '--out', out, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.files).toEqual({ table: out, format: 'arrow', spec: join(dir, 'demo.spec.json') });
    const back = arrowIpcToTable(new Uint8Array(await readFile(out)));
    expect(back.columns).toEqual(result.columns);
    expect(back.rows.map((row) => Object.fromEntries(back.columns.map((c, i) => [c, row[i]])))).toEqual(result.rows);
    expect(back.rows).toHaveLength(6);
    expect(back.specHash).toBe(specHash(defaultSpec()));
    const arrow = tableFromIPC(await readFile(out));
    expect(arrow.schema.metadata.get(SPEC_HASH_METADATA_KEY)).toBe(result.specHash);
    expect(String(arrow.schema.fields.find((f) => f.name === 'power_FP1_Alpha-1')!.type)).toBe('Float64');
    const beside = JSON.parse(await readFile(join(dir, 'demo.spec.json'), 'utf8'));
    expect(beside).toEqual({ specHash: result.specHash, spec: defaultSpec() });
  });
});
