/**
 * Channel type from a label, for formats that do not store one (EDF, BDF,
 * BrainVision). A BIDS channels.tsv, when present, overrides this guess.
 */
import type { ChannelType } from './types';

const RULES: ReadonlyArray<[RegExp, ChannelType]> = [
  [/^(status|trigger|trig|sti\d*|stim)$/i, 'TRIG'],
  [/^(eeg\s+)/i, 'EEG'],
  [/(^|[\s_-])(h|v)?eog|^eog/i, 'EOG'],
  [/(^|[\s_-])(ecg|ekg)/i, 'ECG'],
  [/(^|[\s_-])emg/i, 'EMG'],
  [/^(resp|respiration)/i, 'RESP'],
  [/^(gsr|eda)/i, 'GSR'],
  [/^temp/i, 'TEMP'],
];

export function guessChannelType(label: string): ChannelType {
  for (const [re, type] of RULES) if (re.test(label)) return type;
  return 'EEG';
}

/** BDF/EDF trigger channels (BioSemi "Status") hold bit patterns, not a physical quantity. */
export function isTriggerLabel(label: string): boolean {
  return /^(status|trigger)$/i.test(label.trim());
}
