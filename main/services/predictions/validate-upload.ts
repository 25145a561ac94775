/**
 * An upload checked as a BIDS dataset before a prediction: the validator's
 * findings (an error stops the prediction) and the recordings that would be
 * predicted, each with the files it is read from and their sha256 (from the
 * hashes the upload took when it was kept).
 */
import { createHash } from 'node:crypto';
import { loadBidsDataset, type BidsRecording } from '../../../pipelines/eeg/bids';
import { isPipelineError } from '../../../pipelines/errors';
import type { PredictionValidation } from '../../contract/predictions';
import type { UploadRecord } from '../uploads/upload-record';

export interface RecordingInput {
  /** The data file, relative to the dataset root. */
  path: string;
  entities: { subject: string; session: string | null; task: string | null; run: string | null };
  files: Array<{ path: string; sha256: string }>;
}

export interface UploadValidation extends PredictionValidation {
  recordingInputs: RecordingInput[];
  /** sha256 over every file's path and sha256: the same dataset uploaded twice has the same one. */
  datasetSha256: string;
}

/** The upload's files relative to the dataset root, path → sha256. */
function rootFiles(upload: UploadRecord): Map<string, string> {
  const prefix = upload.root ? `${upload.root}/` : '';
  return new Map(upload.files.filter((f) => f.path.startsWith(prefix)).map((f) => [f.path.slice(prefix.length), f.sha256]));
}

/** The data file, its companions (same stem: .vmrk/.eeg, .fdt) and the sidecars that apply to it. */
function recordingFiles(r: BidsRecording, hashes: Map<string, string>): Array<{ path: string; sha256: string }> {
  const stem = r.path.replace(/\.[^./]+$/, '.');
  const sidecars = [...r.sidecarFiles.eegJson, r.sidecarFiles.channels, r.sidecarFiles.events, r.sidecarFiles.electrodes, r.sidecarFiles.coordsystem];
  const paths = [r.path, ...[...hashes.keys()].filter((p) => p !== r.path && p.startsWith(stem)).sort(), ...sidecars.filter((p): p is string => p !== null)];
  return [...new Set(paths)].flatMap((p) => {
    const sha256 = hashes.get(p);
    return sha256 ? [{ path: p, sha256 }] : [];
  });
}

export function datasetSha256(upload: UploadRecord): string {
  const hash = createHash('sha256');
  for (const [p, sha] of [...rootFiles(upload)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(`${p}\t${sha}\n`);
  return hash.digest('hex');
}

export async function validateUpload(upload: UploadRecord, datasetPath: string): Promise<UploadValidation> {
  const digest = datasetSha256(upload);
  let ds;
  try {
    ds = await loadBidsDataset(datasetPath);
  } catch (error) {
    if (!isPipelineError(error)) throw error;
    return { ok: false, findings: [{ severity: 'error', code: error.code, message: error.message, path: null }], recordings: [], recordingInputs: [], datasetSha256: digest };
  }
  try {
    const hashes = rootFiles(upload);
    const findings = ds.findings.map((f) => ({ severity: f.severity, code: f.rule, message: f.message, path: f.file || null }));
    if (ds.recordings.length === 0) {
      findings.push({ severity: 'error', code: 'NO_RECORDINGS', message: `"${upload.name}" holds no EEG recording to predict (the dataset is empty).`, path: null });
    }
    const recordingInputs = ds.recordings.map((r) => ({
      path: r.path,
      entities: { subject: r.subject, session: r.session, task: r.task, run: r.run },
      files: recordingFiles(r, hashes),
    }));
    return {
      ok: !findings.some((f) => f.severity === 'error'),
      findings,
      recordings: recordingInputs.map(({ entities, files }) => ({ entities, files })),
      recordingInputs,
      datasetSha256: digest,
    };
  } finally {
    await ds.dispose();
  }
}
