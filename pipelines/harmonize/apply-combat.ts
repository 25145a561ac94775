/**
 * Applies a fitted ComBat model to rows of known sites: each feature is
 * standardized with the fit's grand mean, covariate coefficients and pooled
 * variance, the site's location and scale effects are removed, and the result
 * is put back on the pooled scale (neuroHarmonize's harmonizationApply).
 *
 * A row whose site the fit never saw cannot be corrected. It is refused, or,
 * when the spec allows it, passed through unchanged with a warning.
 */
import { PipelineError } from '../errors';
import { covariateDesign } from './design';
import { listSome, type CombatInput } from './input';
import type { HarmonizationOptions } from './options';
import type { CombatParams } from './params';

export interface HarmonizationWarning {
  /** Index of the row in the input. */
  row: number;
  label: string;
  site: string | null;
  code: 'UNKNOWN_SITE';
  message: string;
}

export interface AppliedCombat {
  /** The rows in the input's feature order, harmonized (or unchanged where `corrected` is false). */
  rows: Float64Array[];
  corrected: boolean[];
  warnings: HarmonizationWarning[];
}

/** Where each of the fit's features sits in the input; refuses a table whose feature columns differ. */
function featureIndex(params: CombatParams, input: CombatInput): number[] {
  const at = new Map(input.features.map((f, i) => [f, i]));
  const missing = params.features.filter((f) => !at.has(f));
  const fitted = new Set(params.features);
  const extra = input.features.filter((f) => !fitted.has(f));
  if (missing.length || extra.length) {
    const parts = [
      missing.length ? `lacks ${missing.length} the harmonization was fitted on (${listSome(missing, 5)})` : '',
      extra.length ? `has ${extra.length} it was not fitted on (${listSome(extra, 5)})` : '',
    ].filter(Boolean);
    throw new PipelineError(
      'FEATURE_MISMATCH',
      `The feature columns differ from the harmonization's ${params.features.length}: the table ${parts.join(' and ')}. Compute the features with the spec the harmonization was fitted on.`,
    );
  }
  return params.features.map((f) => at.get(f)!);
}

function siteLabel(site: string | null): string {
  return site === null ? 'no site' : `site "${site}"`;
}

function unknownSiteRows(params: CombatParams, input: CombatInput): number[] {
  const known = new Set(params.sites);
  return input.sites.flatMap((s, i) => (s !== null && known.has(s) ? [] : [i]));
}

function refuseUnknownSites(params: CombatParams, input: CombatInput, rows: number[]): never {
  const which = rows.map((r) => `${input.labels[r]} (${siteLabel(input.sites[r]!)})`);
  throw new PipelineError(
    'UNKNOWN_SITE',
    `${rows.length} recording(s) come from a site the harmonization was not fitted on: ${listSome(which)}. ` +
      `Known sites: ${params.sites.join(', ')}. To keep such recordings uncorrected, with a warning, set the spec's harmonization.unknownSite to "pass".`,
  );
}

function subset(input: CombatInput, rows: number[]): CombatInput {
  return {
    features: input.features,
    rows: rows.map((r) => input.rows[r]!),
    sites: rows.map((r) => input.sites[r]!),
    covariates: Object.fromEntries(Object.entries(input.covariates).map(([k, v]) => [k, rows.map((r) => v[r]!)])),
    labels: rows.map((r) => input.labels[r]!),
  };
}

export function applyCombat(params: CombatParams, input: CombatInput, policy: Pick<HarmonizationOptions, 'unknownSite'>): AppliedCombat {
  const index = featureIndex(params, input);
  const unknown = unknownSiteRows(params, input);
  if (unknown.length && policy.unknownSite === 'refuse') refuseUnknownSites(params, input, unknown);
  const passed = new Set(unknown);
  const knownRows = input.rows.map((_, i) => i).filter((i) => !passed.has(i));
  const design = covariateDesign(params.covariates, subset(input, knownRows));
  const rows = input.rows.map((r) => Float64Array.from(r));
  const siteIndex = new Map(params.sites.map((s, i) => [s, i]));
  const nSites = params.sites.length;
  const sd = params.varPooled.map(Math.sqrt);
  knownRows.forEach((i, k) => {
    const s = siteIndex.get(input.sites[i]!)!;
    const gamma = params.gammaStar[s]!;
    const deltaSd = params.deltaStar[s]!.map(Math.sqrt);
    const covariates = design[k]!;
    const out = rows[i]!;
    index.forEach((col, f) => {
      let reference = params.grandMean[f]!;
      for (let c = 0; c < covariates.length; c++) reference += covariates[c]! * params.coefficients[nSites + c]![f]!;
      const z = (input.rows[i]![col]! - reference) / sd[f]!;
      out[col] = ((z - gamma[f]!) / deltaSd[f]!) * sd[f]! + reference;
    });
  });
  const warnings = unknown.map((row) => ({
    row,
    label: input.labels[row]!,
    site: input.sites[row]!,
    code: 'UNKNOWN_SITE' as const,
    message: `${input.labels[row]}: ${siteLabel(input.sites[row]!)} is not one the harmonization was fitted on (${params.sites.join(', ')}); its features are left uncorrected.`,
  }));
  return { rows, corrected: input.rows.map((_, i) => !passed.has(i)), warnings };
}
