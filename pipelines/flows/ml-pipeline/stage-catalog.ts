import { eegStages } from '../eeg/stages';
import { exampleStages } from '../example/stages';
import { harmonizeStages } from '../harmonize/stages';
import { trainingStages } from '../training/stages';
import type { StageDef } from './stage';

/**
 * Every stage implementation a pipeline may name. Adding a pipeline means adding its
 * module's list here; the flow and the stage task find stages only through this file.
 */
const catalog: readonly StageDef[] = [...exampleStages, ...eegStages, ...harmonizeStages, ...trainingStages];

const byName = new Map(catalog.map((stage) => [stage.name, stage]));

export function findStage(name: string): StageDef | undefined {
  return byName.get(name);
}

export function listStages(): readonly StageDef[] {
  return catalog;
}
