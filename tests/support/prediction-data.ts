/**
 * Data for prediction tests (unit, CLI, e2e): small BIDS datasets of the training
 * demo's synthetic subjects, and a data folder with a trained model in production.
 * Nothing here depends on the test runner, so Playwright specs can call it too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { createCore } from '../../main/app/core';
import { demoDatasetFiles } from '../../pipelines/demo/bids-files';
import { demoCohort, type DemoSubject } from '../../pipelines/demo/cohort';
import { DEMO_SFREQ, demoRecording } from '../../pipelines/demo/recording';
import { writeEdf } from '../../pipelines/eeg/edf/edf-writer';

export const TEST_MODEL_NAME = 'eeg-classifier';
/** Subjects to train on: 6 per site, half HC and half MCI. */
const TRAINING_SUBJECTS = 18;
const TRAINING_SEED = 1101;

/** Synthetic demo subjects (site i mod 3, alternating HC and MCI per three); another seed gives other people. */
export function demoSubjects(count: number, seed = 2202): DemoSubject[] {
  return demoCohort(seed, count);
}

/** Writes a BIDS dataset of these subjects into `dir` (made if needed) and returns `dir`; `seconds` per recording, the demo's 60 unless given. */
export function writeDemoBids(dir: string, subjects: DemoSubject[], seconds?: number): string {
  for (const file of demoDatasetFiles(subjects, seconds)) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.bytes);
  }
  return dir;
}

/**
 * A BIDS dataset of these synthetic subjects (`seconds` per recording, the demo's 60 unless
 * given), zipped whole as a user would upload it; `damage` may change its files first.
 */
export function zipDemoBids(subjects: number | DemoSubject[], damage?: (dir: string) => void, seconds?: number): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-predict-bids-'));
  try {
    writeDemoBids(dir, typeof subjects === 'number' ? demoSubjects(subjects) : subjects, seconds);
    damage?.(dir);
    const zip = new AdmZip();
    zip.addLocalFolder(dir);
    return zip.toBuffer();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The EDF file of a subject at an EDF site, in a dataset writeDemoBids wrote. */
export function subjectEdf(dir: string, subject: DemoSubject): string {
  if (subject.site.format !== 'edf') throw new Error(`sub-${subject.id} is recorded at ${subject.site.name} in BrainVision, not EDF`);
  return path.join(dir, `sub-${subject.id}`, 'eeg', `sub-${subject.id}_task-rest_eeg.edf`);
}

/**
 * Rewrites an EDF subject's recording with only some of its channels and/or only its
 * first seconds, and its channels.tsv to match, as a real recording missing
 * electrodes or stopped early would be.
 */
export function rewriteSubjectEdf(dir: string, subject: DemoSubject, change: { dropChannels?: string[]; seconds?: number }): void {
  const recording = demoRecording(subject);
  const keep = recording.channels.flatMap((name, c) => (change.dropChannels?.includes(name) ? [] : [{ name, data: recording.data[c]! }]));
  const seconds = change.seconds ?? recording.data[0]!.length / DEMO_SFREQ;
  const digital = (uv: number) => Math.max(-32767, Math.min(32767, Math.round((uv / 1000) * 32767)));
  const edf = writeEdf({
    plus: 'C',
    records: seconds,
    recordDuration: 1,
    signals: keep.map(({ name, data }) => ({
      label: `EEG ${name}`,
      unit: 'uV',
      physicalMin: -1000,
      physicalMax: 1000,
      digitalMin: -32767,
      digitalMax: 32767,
      samplesPerRecord: DEMO_SFREQ,
      digital: Int32Array.from(data.subarray(0, seconds * DEMO_SFREQ), digital),
    })),
  });
  const file = subjectEdf(dir, subject);
  fs.writeFileSync(file, edf);
  const channelsTsv = ['name\ttype\tunits\tstatus', ...keep.map(({ name }) => `EEG ${name}\tEEG\tµV\tgood`)].join('\n') + '\n';
  fs.writeFileSync(file.replace(/_eeg\.edf$/, '_channels.tsv'), channelsTsv);
}

/**
 * Trains a logistic regression on 18 synthetic subjects (3 sites, so the model carries
 * ComBat parameters), registers it as `eeg-classifier` and promotes it to production, in
 * `dataDir`. Takes a few seconds; the data folder then predicts with no --model.
 */
export async function prepareProductionModel(dataDir: string): Promise<{ name: string; version: number }> {
  const trainingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-training-'));
  const core = await createCore({ dataDir });
  try {
    writeDemoBids(trainingDir, demoCohort(TRAINING_SEED, TRAINING_SUBJECTS));
    const started = await core.services.training.start(
      { kind: 'dataset', path: trainingDir },
      { model: 'logreg', search: 0, cv: 2, seed: 0, label: 'group', experiment: 'prediction-tests', register: TEST_MODEL_NAME },
    );
    const status = await core.services.training.waitFor(started.flowRun.flowRunId);
    if (status.flowRun.state !== 'Completed' || !status.modelVersion) {
      throw new Error(`training the test model ended ${status.flowRun.state}: ${status.flowRun.stateMessage ?? 'no version registered'}`);
    }
    const { version } = status.modelVersion;
    core.services.registry.promote({ name: TEST_MODEL_NAME, version, reason: 'the prediction tests model' });
    return { name: TEST_MODEL_NAME, version };
  } finally {
    await core.close();
    fs.rmSync(trainingDir, { recursive: true, force: true });
  }
}

let template: Promise<string> | undefined;

/**
 * Fills `dataDir` (empty or new) with a data folder holding the production test model.
 * The model is trained once per test process and copied, so each test starts from the
 * same state without training again.
 */
export async function dataDirWithProductionModel(dataDir: string): Promise<string> {
  template ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-model-template-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    await prepareProductionModel(dir);
    return dir;
  })();
  fs.cpSync(await template, dataDir, { recursive: true });
  return dataDir;
}
