/**
 * What flows between the preprocessing steps: continuous EEG in µV (one
 * Float32Array per channel, filtered in place to keep memory near one copy of
 * the recording), and after the epochs step, which fixed-length epochs are
 * kept (start samples into the continuous data, so epochs cost no copy).
 */
import type { FastIcaResult } from '../artifacts/fastica';
import type { ElectrodesTable } from '../eeg/montage';
import type { Recording } from '../eeg/types';

export interface EpochSet {
  /** Samples per epoch. */
  length: number;
  /** First sample of each kept epoch. */
  kept: number[];
  total: number;
  rejected: { amplitude: number; trend: number; kurtosis: number; spectrum: number };
}

export interface EegState {
  sfreq: number;
  /** Upper-cased 10-10 names when the spec asks. */
  channels: string[];
  data: Float32Array[];
  epochs: EpochSet | null;
  /** Divisor applied by Huber normalization (1 until then). */
  scale: number;
  /** The ICA decomposition of the data, from the ica step (the wica step cleans its components). */
  ica?: FastIcaResult;
}

/** What a BIDS recording brings besides its samples. */
export interface RecordingContext {
  recording: Recording;
  /** channels.tsv rows (name, type, units, status...), [] when there is none. */
  channelsTsv: Array<Record<string, string>>;
  /** From _eeg.json, null when missing. */
  powerLineFrequency: number | null;
  /** Label used in error messages (the recording's path in the dataset). */
  label: string;
  /** electrodes.tsv positions for interpolation; without them, standard 10-05 positions are used. */
  electrodes?: ElectrodesTable | null;
}

export interface StepReport {
  step: string;
  /** One line for people. */
  summary: string;
  /** Numbers for tables and charts. */
  details: Record<string, unknown>;
}

export interface StepResult {
  state: EegState;
  report: StepReport;
}

/** A filtering step's design: the chain applies consecutive filters in one pass (dsp/filter-cascade). */
export interface FilterDesign {
  /** Null when the step has nothing to filter. */
  taps: Float64Array | null;
  report: StepReport;
}
