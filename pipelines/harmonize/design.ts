/**
 * The design matrix of neuroHarmonize's linear model: one indicator column per
 * site, then each covariate, a numeric one as is and a categorical one as
 * indicators of its levels but the first (sorted). The site indicators stand in
 * for the intercept, so there is none.
 */
import { PipelineError } from '../errors';
import type { CovariateSpec } from './options';
import type { EncodedCovariate } from './params';
import { listSome, type CombatInput, type CovariateValue } from './input';

function columnValues(input: CombatInput, column: string): CovariateValue[] {
  const values = input.covariates[column];
  if (!values) {
    throw new PipelineError(
      'MISSING_COVARIATE',
      `The table has no "${column}" column, which harmonization uses as a covariate: add it to participants.tsv, or remove it from the spec's harmonization.covariates.`,
    );
  }
  return values;
}

const isMissing = (v: CovariateValue | undefined): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function numericValue(v: CovariateValue): number {
  return typeof v === 'number' ? v : Number(v);
}

function refuseRows(code: string, rows: number[], input: CombatInput, what: string): never {
  throw new PipelineError(code, `${rows.length} recording(s) ${what}: ${listSome(rows.map((r) => input.labels[r]!))}.`);
}

/** Checks every covariate has a value on every row; categorical levels come from the rows (the fit's encoding). */
export function encodeCovariates(specs: CovariateSpec[], input: CombatInput): EncodedCovariate[] {
  return specs.map((spec) => {
    const values = columnValues(input, spec.column);
    checkValues(spec, values, input);
    if (spec.kind === 'numeric') return { column: spec.column, kind: 'numeric' };
    const levels = [...new Set(values.map((v) => String(v)))].sort();
    return { column: spec.column, kind: 'categorical', levels };
  });
}

function checkValues(spec: CovariateSpec, values: CovariateValue[], input: CombatInput): void {
  const missing = values.flatMap((v, i) => (isMissing(v) ? [i] : []));
  if (missing.length) refuseRows('MISSING_COVARIATE', missing, input, `have no "${spec.column}" (a harmonization covariate)`);
  if (spec.kind === 'numeric') {
    const bad = values.flatMap((v, i) => (Number.isFinite(numericValue(v)) ? [] : [i]));
    if (bad.length) refuseRows('INVALID_COVARIATE', bad, input, `have a "${spec.column}" that is not a number, and harmonization reads it as numeric`);
  }
}

export function covariateColumnNames(covariates: EncodedCovariate[]): string[] {
  return covariates.flatMap((c) => (c.kind === 'numeric' ? [c.column] : c.levels.slice(1).map((l) => `${c.column}[${l}]`)));
}

/**
 * The covariate part of each row's design (the columns after the site
 * indicators), under a given encoding. A categorical level the encoding does
 * not know is refused: the fit has no coefficient for it.
 */
export function covariateDesign(covariates: EncodedCovariate[], input: CombatInput): Float64Array[] {
  const columns = covariateColumnNames(covariates).length;
  const out = input.rows.map(() => new Float64Array(columns));
  let at = 0;
  for (const c of covariates) {
    const values = columnValues(input, c.column);
    checkValues(c, values, input);
    if (c.kind === 'numeric') {
      values.forEach((v, i) => (out[i]![at] = numericValue(v)));
      at += 1;
      continue;
    }
    const unknown = values.flatMap((v, i) => (c.levels.includes(String(v)) ? [] : [i]));
    if (unknown.length) {
      refuseRows('UNKNOWN_COVARIATE_LEVEL', unknown, input, `have a "${c.column}" the harmonization was not fitted with (it knows ${c.levels.join(', ')})`);
    }
    values.forEach((v, i) => {
      const level = c.levels.indexOf(String(v));
      if (level > 0) out[i]![at + level - 1] = 1;
    });
    at += c.levels.length - 1;
  }
  return out;
}
