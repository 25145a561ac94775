/** Public surface of the EEG input pipeline. */
export { inspectPath, formatInspectReport, parseDataRange } from './inspect';
export type { InspectOptions, InspectReport, RecordingReport, DatasetReport } from './inspect';
export { openRecording, readHeader, readRecording, readTimeRange, isRecordingPath, RECORDING_EXTENSIONS } from './open';
export { convertUnits, normaliseUnit, unitFactor, voltageScaleToMicrovolts, isVoltageUnit } from './units';
export { loadBidsDataset } from './bids';
export type { BidsDataset, BidsRecording, Finding, Severity } from './bids';
export type * from './types';
