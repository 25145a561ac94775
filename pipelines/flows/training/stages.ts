import type { StageDef } from '../ml-pipeline/stage';
import { prepareStage } from './prepare-stage';
import { tableCsv } from './table-csv';
import { trainStage } from './train-stage';

/** The training stages: a CSV feature table to load, preparation, and the trainer. */
export const trainingStages: readonly StageDef[] = [tableCsv, prepareStage, trainStage];
