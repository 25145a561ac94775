import type { Output } from '../../../main/contract';

export type Run = Output<'tracking.getRun'>;
export type Experiment = Output<'tracking.getExperiment'>;
export type ChartSeries = Output<'tracking.getMetricHistory'>;
export type ArtifactEntry = Output<'tracking.listArtifacts'>['entries'][number];
export type ArtifactContent = Output<'tracking.readArtifact'>;
export type MetricValue = Run['data']['metrics'][number]['value'];
export type ChartAxis = 'step' | 'time';
