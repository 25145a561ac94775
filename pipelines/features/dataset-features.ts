/**
 * Features of a whole BIDS dataset (folder or zip) under one spec, one
 * recording after another in this thread: the CLI's path. The executor flow
 * runs the same recordingFeatures() per recording on its pool instead.
 */
import { loadBidsDataset } from '../eeg/bids';
import type { Finding } from '../eeg/bids';
import type { PreprocessingSpec } from '../preprocess/spec';
import { recordingFeatures } from './recording-features';
import type { RecordingOutcome } from './recording-features';
import { assembleTable } from './table';
import type { FeatureTable } from './table';

export interface DatasetFeatures {
  dataset: { name: string; path: string; recordings: number };
  table: FeatureTable;
  outcomes: RecordingOutcome[];
  /** Error-level findings of the BIDS check (they make recordings unusable). */
  findings: Finding[];
}

export interface DatasetProgress {
  recording(index: number, count: number, path: string): void;
  step(path: string, step: string): void;
}

export async function datasetFeatures(path: string, spec: PreprocessingSpec, progress?: DatasetProgress): Promise<DatasetFeatures> {
  const ds = await loadBidsDataset(path);
  try {
    const outcomes: RecordingOutcome[] = [];
    for (const [i, r] of ds.recordings.entries()) {
      progress?.recording(i, ds.recordings.length, r.path);
      outcomes.push(await recordingFeatures(ds.root, r, spec, (step) => progress?.step(r.path, step), ds.findings));
    }
    return {
      dataset: { name: ds.name, path: ds.source.path, recordings: ds.recordings.length },
      table: assembleTable(outcomes, ds.participants),
      outcomes,
      findings: ds.findings.filter((f) => f.severity === 'error'),
    };
  } finally {
    await ds.dispose();
  }
}
