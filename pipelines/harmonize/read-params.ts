import { readFile } from 'node:fs/promises';
import { PipelineError } from '../errors';
import { parseCombatParamsJson, type CombatParams } from './params';

/** Reads and checks a PARAMS.json written by a fit (`neuroops features --harmonize`, the `harmonize.combat` stage). */
export async function readCombatParams(file: string): Promise<CombatParams> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new PipelineError('FILE_NOT_FOUND', `Cannot read the harmonization parameters ${file}: ${(e as Error).message}`);
  }
  return parseCombatParamsJson(text, file);
}
