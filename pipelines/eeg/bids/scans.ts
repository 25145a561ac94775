/**
 * sub-<label>[_ses-<label>]_scans.tsv: an optional table in a subject or
 * session folder listing that folder's recordings (paths relative to the
 * folder) with their acquisition time. Checked as the BIDS validator does: a
 * `filename` column, each listed file present and listed once, `acq_time` in
 * the BIDS datetime form; and every EEG recording below a scans file should
 * have its row there (otherwise its acquisition time is unknown).
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Findings } from './findings';
import type { BidsFile } from './layout';
import { checkColumns } from './sidecars';
import { isNA, parseTsv } from './tsv';

export interface ScansFile {
  /** The scans.tsv, relative to the dataset root. */
  file: string;
  /** Its folder: sub-<l> or sub-<l>/ses-<l>. */
  dir: string;
  /** acq_time by the dataset-relative path of each listed file ('n/a' when the column is absent). */
  acqTimes: Map<string, string>;
}

/** Only a subject or session folder may hold a scans file. */
const SCANS_DIR = /^sub-[a-zA-Z0-9]+(\/ses-[a-zA-Z0-9]+)?$/;

/**
 * BIDS datetime: YYYY-MM-DDThh:mm:ss, up to six decimals of seconds, and an
 * optional time-zone code (the spec's "[Z]"; its schema allows 2–4 letters).
 */
const BIDS_DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([A-Z]{1,4})?$/;

export function isBidsDatetime(v: string): boolean {
  return BIDS_DATETIME.test(v);
}

/** Reads and checks every scans.tsv; those without a filename column are reported and left out. */
export async function readScansFiles(root: string, files: BidsFile[], findings: Findings): Promise<ScansFile[]> {
  const out: ScansFile[] = [];
  const present = presentPaths(files);
  for (const f of files) {
    if (f.parsed?.suffix !== 'scans' || f.parsed.extension !== '.tsv' || !SCANS_DIR.test(f.dir)) continue;
    const table = parseTsv(await readFile(join(root, f.rel), 'utf8'));
    if (!checkColumns(f.rel, table, ['filename'], findings, undefined, 'SCANS_TSV')) continue;
    const acqTimes = new Map<string, string>();
    table.rows.forEach((row, i) => {
      const line = i + 2;
      const listed = row['filename'] ?? '';
      const target = posix.join(f.dir, listed);
      if (acqTimes.has(target)) {
        findings.error(f.rel, 'SCANS_FILENAME_DUPLICATE', `${f.rel} line ${line}: ${listed} is listed twice; each file gets one row`);
      } else if (!(target.startsWith(f.dir + '/') && present.has(target))) {
        findings.error(f.rel, 'SCANS_FILENAME_NOT_MATCH_DATASET', `${f.rel} line ${line}: ${missingFileMessage(files, f.dir, listed, target)}`);
      }
      const acqTime = row['acq_time'] ?? 'n/a';
      if (!isNA(acqTime) && !isBidsDatetime(acqTime)) {
        findings.warning(f.rel, 'SCANS_ACQ_TIME_INVALID', `${f.rel} line ${line}: acq_time "${acqTime}" is not a BIDS datetime (YYYY-MM-DDThh:mm:ss[.000000][Z], e.g. 2021-03-04T09:15:00); write it in that form or n/a`);
      }
      if (!acqTimes.has(target)) acqTimes.set(target, acqTime);
    });
    out.push({ file: f.rel, dir: f.dir, acqTimes });
  }
  return out;
}

/**
 * The acquisition time the recording's scans file gives (null when there is
 * no scans file, no time, or one not in the BIDS form — the last is reported
 * when the file is read). A recording its scans file does not list is reported.
 */
export function acqTimeOf(scans: ScansFile[], recording: string, findings: Findings): string | null {
  // A session's own scans file is the one that describes its recordings.
  const s = scans.filter((x) => recording.startsWith(x.dir + '/')).sort((a, b) => b.dir.length - a.dir.length)[0];
  if (!s) return null;
  const acqTime = s.acqTimes.get(recording);
  if (acqTime === undefined) {
    const row = posix.relative(s.dir, recording);
    findings.warning(s.file, 'SCANS_RECORDING_NOT_LISTED', `${s.file} does not list ${row}; add a row for it (filename ${row}) so its acquisition time is known`, recording);
    return null;
  }
  return !isNA(acqTime) && isBidsDatetime(acqTime) ? acqTime : null;
}

/** Every file and folder of the dataset: a row may list a folder, as multi-file formats are listed. */
function presentPaths(files: BidsFile[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    for (let p = f.rel; p && !out.has(p); p = posix.dirname(p) === '.' ? '' : posix.dirname(p)) out.add(p);
  }
  return out;
}

function missingFileMessage(files: BidsFile[], dir: string, listed: string, target: string): string {
  if (!target.startsWith(dir + '/')) return `${listed} points outside ${dir}/; a scans file lists only files in its own folder`;
  const base = `${listed} is listed but ${target} is not in the dataset (filenames are relative to ${dir}/)`;
  if (listed.includes('\\')) return `${base}; use forward slashes`;
  // The usual slip: the name is right but the datatype folder (eeg/) is missing or wrong.
  const name = posix.basename(listed);
  const same = files.find((f) => f.name === name && f.rel.startsWith(dir + '/'));
  return same ? `${base}; did you mean ${posix.relative(dir, same.rel)}?` : `${base}; correct the row or remove it`;
}
