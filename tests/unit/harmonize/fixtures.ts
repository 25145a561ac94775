/** Loads the ComBat reference tables and numbers (scripts/fixtures/make-combat-fixtures.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CombatInput } from '../../../pipelines/harmonize';

const DIR = join(import.meta.dirname, '../../fixtures/harmonize');

/** participant_id, site, age, sex, then the features. */
export function loadCombatTable(name: string): CombatInput {
  const lines = readFileSync(join(DIR, `${name}.csv`), 'utf8').trim().split('\n').map((l) => l.split(','));
  const body = lines.slice(1);
  return {
    features: lines[0]!.slice(4),
    rows: body.map((r) => r.slice(4).map(Number)),
    sites: body.map((r) => r[1]!),
    covariates: { age: body.map((r) => Number(r[2])), sex: body.map((r) => r[3]!) },
    labels: body.map((r) => r[0]!),
  };
}

interface FitReference {
  sites: string[];
  designColumns: string[];
  coefficients: number[][];
  grandMean: number[];
  varPooled: number[];
  gammaHat: number[][];
  deltaHat: number[][];
  gammaBar?: number[];
  t2?: number[];
  aPrior?: number[];
  bPrior?: number[];
  gammaStar: number[][];
  deltaStar: number[][];
  harmonized: number[][];
}

export const reference = JSON.parse(readFileSync(join(DIR, 'combat-reference.json'), 'utf8')) as {
  features: string[];
  eb: FitReference;
  noEb: FitReference;
  newHarmonized: number[][];
  plantedNoise: number;
};

/** Largest absolute difference between two equally shaped tables of numbers. */
export function maxAbsDiff(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  expectSameShape(a, b);
  let max = 0;
  a.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) max = Math.max(max, Math.abs(row[j]! - b[i]![j]!));
  });
  return max;
}

function expectSameShape(a: ArrayLike<number>[], b: ArrayLike<number>[]): void {
  if (a.length !== b.length || a.some((r, i) => r.length !== b[i]!.length)) throw new Error('tables of different shapes');
}
