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
 * Two groups differ in a way an EEG model can learn: HC has a strong posterior alpha
 * rhythm (10 Hz), ACr a weaker alpha and more frontal theta (6 Hz). Everything is
 * seeded, so the files are identical on every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { writeEdf } from '../pipelines/eeg/edf/edf-writer';
import { DEMO_SEED, demoCohort } from '../pipelines/demo/cohort';
import { demoDatasetFiles } from '../pipelines/demo/bids-files';

const OUT = path.resolve(import.meta.dirname, '..', 'resources', 'demo', 'bids');
const CHANNELS = ['Fp1', 'Fp2', 'F7', 'F3', 'Fz', 'F4', 'F8', 'T7', 'C3', 'Cz', 'C4', 'T8', 'P7', 'P3', 'Pz', 'P4', 'P8', 'O1', 'O2'];
const SFREQ = 128;
const SECONDS = 60;
const LINE_HZ = 60;
const PHYS = 500; // ±500 µV full scale
const DIGITAL = 32767;

interface Subject { id: string; group: 'HC' | 'ACr'; age: number; sex: 'F' | 'M'; site: string }
const SUBJECTS: Subject[] = [
  { id: '01', group: 'HC', age: 64, sex: 'F', site: 'siteA' },
  { id: '02', group: 'HC', age: 71, sex: 'M', site: 'siteA' },
  { id: '03', group: 'HC', age: 68, sex: 'F', site: 'siteB' },
  { id: '04', group: 'ACr', age: 66, sex: 'M', site: 'siteA' },
  { id: '05', group: 'ACr', age: 73, sex: 'F', site: 'siteB' },
  { id: '06', group: 'ACr', age: 69, sex: 'M', site: 'siteB' },
];

/** Deterministic standard-normal noise (xorshift + Box–Muller). */
function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function channelSignal(subject: Subject, channel: string, index: number): Int32Array {
  const n = SFREQ * SECONDS;
  const noise = gaussian(Number(subject.id) * 1000 + index + 1);
  const posterior = /^(O|P)/.test(channel) ? 1 : 0.4;
  const frontal = /^(F)/.test(channel) ? 1 : 0.5;
  const alpha = (subject.group === 'HC' ? 22 : 9) * posterior;
  const theta = (subject.group === 'HC' ? 6 : 15) * frontal;
  const phase = index * 0.37 + Number(subject.id);
  const out = new Int32Array(n);
  let brown = 0;
  for (let i = 0; i < n; i++) {
    const t = i / SFREQ;
    brown = 0.97 * brown + noise() * 4; // 1/f-like background
    const uv =
      brown +
      alpha * Math.sin(2 * Math.PI * 10 * t + phase) * (1 + 0.3 * Math.sin(2 * Math.PI * 0.1 * t)) +
      theta * Math.sin(2 * Math.PI * 6 * t + 2 * phase) +
      3 * Math.sin(2 * Math.PI * LINE_HZ * t) +
      noise() * 3;
    out[i] = Math.max(-DIGITAL, Math.min(DIGITAL, Math.round((uv / PHYS) * DIGITAL)));
  }
  return out;
}

function write(rel: string, text: string): void {
  const file = path.join(OUT, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function tsv(rows: Array<Array<string | number>>): string {
  return rows.map((r) => r.join('\t')).join('\n') + '\n';
}

fs.rmSync(OUT, { recursive: true, force: true });
write('dataset_description.json', JSON.stringify({
  Name: 'NeuroOps demo: synthetic resting-state EEG',
  BIDSVersion: '1.8.0',
  DatasetType: 'raw',
  License: 'CC0',
  Authors: ['NeuroOps contributors'],
  GeneratedBy: [{ Name: 'scripts/make-demo-dataset.ts', Description: 'Seeded synthetic signals; no human data.' }],
}, null, 2) + '\n');
write('README', 'Synthetic resting-state EEG for trying NeuroOps. Six subjects in two groups (HC, ACr) at two sites.\n' +
  'HC has a stronger 10 Hz posterior alpha rhythm; ACr a weaker alpha and more 6 Hz frontal theta.\n' +
  'Made by scripts/make-demo-dataset.ts. No human data.\n');
write('participants.tsv', tsv([['participant_id', 'group', 'age', 'sex', 'site'], ...SUBJECTS.map((s) => [`sub-${s.id}`, s.group, s.age, s.sex, s.site])]));
write('participants.json', JSON.stringify({
  group: { Description: 'Diagnostic group', Levels: { HC: 'healthy control', ACr: 'at-risk carrier' } },
  age: { Description: 'Age', Units: 'year' },
  sex: { Description: 'Sex', Levels: { F: 'female', M: 'male' } },
  site: { Description: 'Recording site' },
}, null, 2) + '\n');
// One sidecar at the top, inherited by every recording.
write('task-rest_eeg.json', JSON.stringify({
  TaskName: 'rest',
  TaskDescription: 'Eyes-closed resting state',
  EEGReference: 'Cz',
  SamplingFrequency: SFREQ,
  PowerLineFrequency: LINE_HZ,
  SoftwareFilters: 'n/a',
  EEGChannelCount: CHANNELS.length,
  RecordingDuration: SECONDS,
  RecordingType: 'continuous',
}, null, 2) + '\n');

for (const subject of SUBJECTS) {
  const base = `sub-${subject.id}/eeg/sub-${subject.id}_task-rest`;
  const edf = writeEdf({
    plus: 'C',
    records: SECONDS,
    recordDuration: 1,
    startDate: '01.01.24',
    startTime: '09.00.00',
    recordingId: 'Startdate 01-JAN-2024 X X NeuroOps_demo',
    signals: CHANNELS.map((label, i) => ({
      label: `EEG ${label}`,
      unit: 'uV',
      physicalMin: -PHYS,
      physicalMax: PHYS,
      digitalMin: -DIGITAL,
      digitalMax: DIGITAL,
      samplesPerRecord: SFREQ,
      digital: channelSignal(subject, label, i),
    })),
  });
  fs.mkdirSync(path.join(OUT, path.dirname(base)), { recursive: true });
  fs.writeFileSync(path.join(OUT, `${base}_eeg.edf`), edf);
  write(`${base}_channels.tsv`, tsv([
    ['name', 'type', 'units', 'status'],
    ...CHANNELS.map((c) => [`EEG ${c}`, 'EEG', 'µV', 'good']),
  ]));
  write(`${base}_events.tsv`, tsv([
    ['onset', 'duration', 'trial_type'],
    [0, 0, 'eyes_closed'],
    [30, 0, 'eyes_closed'],
  ]));
}
console.log(`Wrote ${SUBJECTS.length} recordings to ${OUT}`);

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
