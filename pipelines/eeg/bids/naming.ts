/**
 * Which files are EEG recordings, and whether their names and places follow
 * the BIDS EEG pattern sub-<l>/[ses-<l>/]eeg/sub-<l>[_ses-<l>]_task-<l>[_acq-<l>][_run-<i>]_eeg.<ext>.
 */
import { EEG_ENTITY_ORDER } from './entities';
import type { Findings } from './findings';
import type { BidsFile } from './layout';

const RECORDING_EXT = ['.edf', '.bdf', '.vhdr', '.set'];
const LOCATION = /^sub-([a-zA-Z0-9]+)\/(?:ses-([a-zA-Z0-9]+)\/)?eeg\/[^/]+$/;

/** What BIDS allows in an eeg/ folder: suffix → extensions (the validator's rules for the EEG datatype). */
const EEG_FOLDER_FILES: Record<string, readonly string[]> = {
  eeg: ['.edf', '.bdf', '.vhdr', '.vmrk', '.eeg', '.set', '.fdt', '.json'],
  channels: ['.tsv', '.json'],
  events: ['.tsv', '.json'],
  electrodes: ['.tsv', '.json'],
  coordsystem: ['.json'],
  photo: ['.jpg', '.png', '.tif'],
  physio: ['.tsv.gz', '.json'],
  stim: ['.tsv.gz', '.json'],
};

/**
 * A file in a subject's eeg/ folder whose name BIDS does not recognise (a
 * typo such as `_eg.vhdr`) is invisible to every BIDS tool: the validator
 * reports it as NOT_INCLUDED, an error, and so do we rather than skip it.
 * Unsupported recording formats with a correct name are reported by
 * `isEegDataFile` instead.
 */
export function checkEegFolderFile(f: BidsFile, findings: Findings): void {
  if (!LOCATION.test(f.rel)) return;
  const p = f.parsed;
  const allowed = p ? EEG_FOLDER_FILES[p.suffix] : undefined;
  if (p && p.suffix === 'eeg') return;
  if (p && allowed?.includes(p.extension.toLowerCase()) && p.entities['sub']) return;
  findings.error(
    f.rel, 'NOT_INCLUDED',
    `${f.rel} does not follow BIDS naming, so BIDS tools ignore it (an EEG recording is named sub-<label>[_ses-<label>]_task-<label>[_acq-<label>][_run-<index>]_eeg.<ext>; ` +
      `files beside it end in _channels.tsv, _events.tsv, _electrodes.tsv, _coordsystem.json, ...). Rename it, or move it out of the dataset (e.g. to sourcedata/)`,
  );
}

/** Is `f` an EEG recording? Reports misplaced or misnamed ones on the way. */
export function isEegDataFile(f: BidsFile, findings: Findings): boolean {
  const p = f.parsed;
  if (!p || p.suffix !== 'eeg') return false;
  const ext = p.extension.toLowerCase();
  if (!RECORDING_EXT.includes(ext)) {
    if (!['.json', '.eeg', '.vmrk', '.fdt'].includes(ext)) {
      findings.warning(f.rel, 'EEG_FORMAT_UNSUPPORTED', `${f.rel}: ${p.extension} recordings are not read by this app (supported: ${RECORDING_EXT.join(', ')})`);
    }
    return false;
  }
  if (ext !== p.extension) findings.warning(f.rel, 'EXTENSION_CASE', `${f.rel}: BIDS extensions are lower case`, f.rel);
  const loc = LOCATION.exec(f.rel);
  if (!loc) {
    findings.error(f.rel, 'FILE_NOT_IN_CORRECT_LOCATION', `${f.rel} must be in sub-<label>/[ses-<label>/]eeg/`, f.rel);
  } else {
    if (p.entities['sub'] !== loc[1]) findings.error(f.rel, 'SUBJECT_MISMATCH', `${f.rel}: sub-${p.entities['sub']} in the name, sub-${loc[1]} in the path`, f.rel);
    if ((p.entities['ses'] ?? undefined) !== (loc[2] ?? undefined)) {
      findings.error(f.rel, 'SESSION_MISMATCH', `${f.rel}: the ses entity of the name does not match the folder`, f.rel);
    }
  }
  if (!p.entities['task']) findings.error(f.rel, 'TASK_ENTITY_MISSING', `${f.rel}: EEG file names need a task-<label> entity`, f.rel);
  const order = p.order.map((k) => (EEG_ENTITY_ORDER as readonly string[]).indexOf(k));
  if (order.some((o) => o < 0)) {
    findings.error(f.rel, 'ENTITY_NOT_ALLOWED', `${f.rel}: EEG file names may only use ${EEG_ENTITY_ORDER.slice(0, 5).join(', ')}`, f.rel);
  } else if (order.some((o, i) => i > 0 && o < order[i - 1]!)) {
    findings.error(f.rel, 'ENTITY_ORDER', `${f.rel}: entities must come in the order ${EEG_ENTITY_ORDER.slice(0, 5).join(', ')}`, f.rel);
  }
  if (p.entities['run'] !== undefined && !/^\d+$/.test(p.entities['run'])) {
    findings.error(f.rel, 'RUN_NOT_INDEX', `${f.rel}: run must be a number`, f.rel);
  }
  return true;
}
