import type { Input, Output } from '../../../main/contract';

/** The shapes the Predictions page reads, named from the contract's answers (main/contract/predictions.ts). */
export type Validation = Output<'predictions.validate'>;
export type Finding = Validation['findings'][number];
export type Entities = Validation['recordings'][number]['entities'];
export type FileHash = Validation['recordings'][number]['files'][number];

export type ModelChoice = Output<'predictions.models'>['models'][number];

export type PredictionJob = Output<'predictions.get'>;
export type JobState = PredictionJob['state'];
export type RecordingResult = PredictionJob['recordings'][number];
export type RecordingStatus = RecordingResult['status'];
export type OodFlag = RecordingResult['flags'][number];
export type Quality = NonNullable<RecordingResult['quality']>;

export type RecordingDetail = Output<'predictions.recording'>;
export type ProfileRow = RecordingDetail['profile'][number];
export type AuditRecord = NonNullable<RecordingDetail['auditRecord']>;

export type LabelCounts = Output<'predictions.labelCounts'>;
export type HistoryFilter = Input<'predictions.list'>;
