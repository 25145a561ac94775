/**
 * Writes resources/demo/bids: a small synthetic resting-state BIDS dataset (EDF+) that
 * ships with the app, so a newcomer has data to inspect and predict with; and
 * resources/demo/training-manifest.json, the sha256 of every file of the 48-subject
 * training demo (pipelines/demo), which the app generates on first use into its data
 * folder (main/services/demo/training-demo.ts) and checks against this manifest.
 *
 *   npx tsx scripts/make-demo-dataset.ts [--training-out DIR]
 *
 * --training-out also writes the training demo itself to DIR.
 *
 * Both come from the same generator (pipelines/demo): sources mixed over the scalp,
 * HC with a stronger and faster posterior alpha than the patient group (ACr here,
 * MCI in the training demo), site gain and noise floor, line noise, blinks and a
 * few planted noisy channels. Everything is seeded, so the files are identical on every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEMO_SEED, bundledDemoCohort, demoCohort } from '../pipelines/demo/cohort';
import { bidsJson, bidsTsv, demoDatasetFiles, demoSubjectFiles, taskSidecar } from '../pipelines/demo/bids-files';

const OUT = path.resolve(import.meta.dirname, '..', 'resources', 'demo', 'bids');

function write(rel: string, bytes: string | Uint8Array): void {
  const file = path.join(OUT, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

const subjects = bundledDemoCohort();
fs.rmSync(OUT, { recursive: true, force: true });
write('dataset_description.json', bidsJson({
  Name: 'NeuroOps demo: synthetic resting-state EEG',
  BIDSVersion: '1.8.0',
  DatasetType: 'raw',
  License: 'CC0',
  Authors: ['NeuroOps contributors'],
  GeneratedBy: [{ Name: 'scripts/make-demo-dataset.ts', Description: 'Seeded synthetic signals; no human data.' }],
}));
write('README', 'Synthetic resting-state EEG for trying NeuroOps. Six subjects in two groups (HC, ACr) at two sites.\n' +
  'HC has a stronger and faster posterior alpha rhythm; ACr a weaker, slower alpha and a little more frontal theta.\n' +
  'The signals are sources mixed over the scalp; the sites differ in gain, noise floor and line noise;\n' +
  'sub-02 (T8) and sub-05 (P7) have a noisy electrode, and every recording has a few blinks.\n' +
  'Made by scripts/make-demo-dataset.ts. No human data.\n');
write('participants.tsv', bidsTsv([['participant_id', 'group', 'age', 'sex', 'site'], ...subjects.map((s) => [`sub-${s.id}`, s.group, s.age, s.sex, s.site.name])]));
write('participants.json', bidsJson({
  group: { Description: 'Diagnostic group', Levels: { HC: 'healthy control', ACr: 'at-risk carrier' } },
  age: { Description: 'Age', Units: 'year' },
  sex: { Description: 'Sex', Levels: { F: 'female', M: 'male' } },
  site: { Description: 'Recording site' },
}));
// One sidecar at the top, inherited by every recording.
const sidecar = taskSidecar();
write(sidecar.path, sidecar.bytes);
for (const subject of subjects) for (const file of demoSubjectFiles(subject)) write(file.path, file.bytes);
console.log(`Wrote ${subjects.length} recordings to ${OUT}`);

const { values } = parseArgs({ options: { 'training-out': { type: 'string' } } });
const trainingOut = values['training-out'] ? path.resolve(values['training-out']) : null;
const cohort = demoCohort();
const files: Record<string, string> = {};
let totalBytes = 0;
for (const file of demoDatasetFiles(cohort)) {
  files[file.path] = createHash('sha256').update(file.bytes).digest('hex');
  totalBytes += file.bytes.length;
  if (trainingOut) {
    fs.mkdirSync(path.join(trainingOut, path.dirname(file.path)), { recursive: true });
    fs.writeFileSync(path.join(trainingOut, file.path), file.bytes);
  }
}
const manifest = { seed: DEMO_SEED, subjects: cohort.length, totalBytes, files };
fs.writeFileSync(path.resolve(OUT, '..', 'training-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`Training demo: ${cohort.length} subjects, ${Object.keys(files).length} files, ${(totalBytes / 1e6).toFixed(1)} MB${trainingOut ? ` written to ${trainingOut}` : ''}; manifest beside ${OUT}`);
