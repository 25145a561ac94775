/**
 * The training demo as BIDS files, one at a time: dataset_description.json,
 * participants.tsv/.json, an inherited task-rest_eeg.json, then per subject the
 * recording (EDF+ or BrainVision, by site), channels.tsv and events.tsv. Paths
 * are relative to the dataset root, with forward slashes.
 */
import { writeBrainVision } from '../eeg/brainvision/writer';
import { writeEdf } from '../eeg/edf/edf-writer';
import { DEMO_SEED, DEMO_SITES, demoCohort, type DemoSubject } from './cohort';
import { DEMO_CHANNELS, DEMO_LINE_HZ, DEMO_SECONDS, DEMO_SFREQ, demoRecording, type DemoRecording } from './recording';

export interface DemoFile {
  path: string;
  bytes: Uint8Array;
}

const EDF_PHYSICAL_UV = 1000;
const EDF_DIGITAL = 32767;
const BV_RESOLUTION_UV = 0.05;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A BIDS JSON file's bytes: two-space indented, newline at the end. */
export const bidsJson = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);
/** A BIDS TSV file's bytes, header row first. */
export const bidsTsv = (rows: Array<Array<string | number>>): Uint8Array => utf8(`${rows.map((r) => r.join('\t')).join('\n')}\n`);

/** The task sidecar at the dataset root, inherited by every recording. */
export function taskSidecar(seconds = DEMO_SECONDS): DemoFile {
  return {
    path: 'task-rest_eeg.json',
    bytes: bidsJson({
      TaskName: 'rest',
      TaskDescription: 'Eyes-closed resting state',
      EEGReference: 'Cz',
      SamplingFrequency: DEMO_SFREQ,
      PowerLineFrequency: DEMO_LINE_HZ,
      SoftwareFilters: 'n/a',
      EEGChannelCount: DEMO_CHANNELS.length,
      RecordingDuration: seconds,
      RecordingType: 'continuous',
    }),
  };
}

function topLevelFiles(subjects: DemoSubject[], seconds: number): DemoFile[] {
  return [
    {
      path: 'dataset_description.json',
      bytes: bidsJson({
        Name: 'NeuroOps training demo: synthetic resting-state EEG, HC vs MCI, three sites',
        BIDSVersion: '1.8.0',
        DatasetType: 'raw',
        License: 'CC0',
        Authors: ['NeuroOps contributors'],
        GeneratedBy: [{ Name: 'pipelines/demo (scripts/make-demo-dataset.ts)', Description: `Seeded synthetic signals (seed ${DEMO_SEED}); no human data.` }],
      }),
    },
    {
      path: 'README',
      bytes: utf8(
        `Synthetic resting-state EEG for training models in NeuroOps: ${subjects.length} subjects, healthy controls (HC)\n` +
          'and mild cognitive impairment (MCI), at three sites (siteA and siteC record EDF+, siteB BrainVision).\n' +
          'MCI has a slower and weaker posterior alpha peak and a little more frontal theta, with wide overlap.\n' +
          'The sites differ in gain, noise floor and line noise; some recordings have a noisy channel, all have blinks.\n' +
          'No human data.\n',
      ),
    },
    {
      path: 'participants.tsv',
      bytes: bidsTsv([['participant_id', 'group', 'site', 'age', 'sex'], ...subjects.map((s) => [`sub-${s.id}`, s.group, s.site.name, s.age, s.sex])]),
    },
    {
      path: 'participants.json',
      bytes: bidsJson({
        group: { Description: 'Diagnostic group', Levels: { HC: 'healthy control', MCI: 'mild cognitive impairment' } },
        site: { Description: 'Recording site', Levels: Object.fromEntries(DEMO_SITES.map((s) => [s.name, `${s.format} amplifier`])) },
        age: { Description: 'Age', Units: 'year' },
        sex: { Description: 'Sex', Levels: { F: 'female', M: 'male' } },
      }),
    },
    taskSidecar(seconds),
  ];
}

/** A demo recording (any channels, any whole number of seconds) as EDF+ bytes, ±1000 µV full scale. */
export function demoEdf(recording: DemoRecording): Uint8Array {
  return writeEdf({
    plus: 'C',
    records: recording.data[0]!.length / DEMO_SFREQ,
    recordDuration: 1,
    startDate: '01.01.24',
    startTime: '09.00.00',
    recordingId: 'Startdate 01-JAN-2024 X X NeuroOps_training_demo',
    signals: recording.channels.map((channel, c) => ({
      label: `EEG ${channel}`,
      unit: 'uV',
      physicalMin: -EDF_PHYSICAL_UV,
      physicalMax: EDF_PHYSICAL_UV,
      digitalMin: -EDF_DIGITAL,
      digitalMax: EDF_DIGITAL,
      samplesPerRecord: DEMO_SFREQ,
      digital: Int32Array.from(recording.data[c]!, (uv) => Math.max(-EDF_DIGITAL, Math.min(EDF_DIGITAL, Math.round((uv / EDF_PHYSICAL_UV) * EDF_DIGITAL)))),
    })),
  });
}

/** One subject's recording (the demo's 60 s, or `seconds`), channels.tsv and events.tsv (blinks marked). */
export function* demoSubjectFiles(subject: DemoSubject, seconds = DEMO_SECONDS): Generator<DemoFile> {
  const stem = `sub-${subject.id}/eeg/sub-${subject.id}_task-rest`;
  const recording = demoRecording(subject, seconds);
  const edf = subject.site.format === 'edf';
  if (edf) {
    yield { path: `${stem}_eeg.edf`, bytes: demoEdf(recording) };
  } else {
    const base = `sub-${subject.id}_task-rest_eeg`;
    const files = writeBrainVision({
      base,
      sfreq: DEMO_SFREQ,
      resolutionUv: BV_RESOLUTION_UV,
      channels: recording.channels,
      data: recording.data,
      markers: [{ type: 'Comment', description: 'eyes_closed', sample: 0 }],
    });
    yield { path: `${stem}_eeg.vhdr`, bytes: files.vhdr };
    yield { path: `${stem}_eeg.vmrk`, bytes: files.vmrk };
    yield { path: `${stem}_eeg.eeg`, bytes: files.eeg };
  }
  // Channels are listed as good: finding the noisy one is the pipeline's job, as in real data.
  yield {
    path: `${stem}_channels.tsv`,
    bytes: bidsTsv([['name', 'type', 'units', 'status'], ...recording.channels.map((c) => [edf ? `EEG ${c}` : c, 'EEG', 'µV', 'good'])]),
  };
  yield {
    path: `${stem}_events.tsv`,
    bytes: bidsTsv([
      ['onset', 'duration', 'trial_type'],
      [0, 0, 'eyes_closed'],
      ...recording.blinks
        .map((b) => b.onsetSeconds)
        .sort((a, b) => a - b)
        .map((t) => [Number(t.toFixed(3)), 0.4, 'blink']),
    ]),
  };
}

/** Every file of the training demo, in a fixed order; the same bytes on every machine. `seconds` makes longer (or shorter) recordings of the same people. */
export function* demoDatasetFiles(subjects: DemoSubject[] = demoCohort(), seconds = DEMO_SECONDS): Generator<DemoFile> {
  yield* topLevelFiles(subjects, seconds);
  for (const subject of subjects) yield* demoSubjectFiles(subject, seconds);
}
