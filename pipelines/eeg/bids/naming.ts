/**
 * Which files are EEG recordings, and whether their names and places follow
 * the BIDS EEG pattern sub-<l>/[ses-<l>/]eeg/sub-<l>[_ses-<l>]_task-<l>[_acq-<l>][_run-<i>]_eeg.<ext>.
 */
import { EEG_ENTITY_ORDER } from './entities';
import type { Findings } from './findings';
import type { BidsFile } from './layout';

const RECORDING_EXT = ['.edf', '.bdf', '.vhdr', '.set'];
const LOCATION = /^sub-([a-zA-Z0-9]+)\/(?:ses-([a-zA-Z0-9]+)\/)?eeg\/[^/]+$/;

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
