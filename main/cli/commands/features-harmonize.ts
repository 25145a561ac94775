/**
 * `neuroops features … --harmonize [PARAMS.json]`: ComBat across sites on the
 * table just computed (docs/harmonization.md).
 *
 * - `--harmonize` alone fits ComBat on the table, with the spec's
 *   harmonization options, and writes the parameters beside the table.
 * - `--harmonize PARAMS.json` applies parameters fitted before; they must come
 *   from features made by the same spec (harmonization options aside).
 *
 * Either way the table at --out is the harmonized one, the table before
 * harmonization is kept beside it (`FILE.raw.csv`, with its spec), and so are
 * the parameters used (`FILE.combat.json`). Recordings passed uncorrected
 * (unknown site, allowed by the spec) are listed in `FILE.combat-warnings.json`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureTable } from '../../../pipelines/features/table';
import type { CombatParams, HarmonizationWarning } from '../../../pipelines/harmonize';
import type { PreprocessingSpec } from '../../../pipelines/preprocess/spec';

const loadHarmonize = () => import('../../../pipelines/harmonize');

export interface HarmonizationFiles {
  raw: string;
  params: string;
  warnings: string | null;
}

export interface CliHarmonization {
  mode: 'fit' | 'apply';
  table: FeatureTable;
  params: CombatParams;
  files: HarmonizationFiles;
  warnings: HarmonizationWarning[];
}

/** Reads and checks PARAMS.json before any feature is computed, so a wrong file fails at once. */
export async function readParamsFor(file: string, spec: PreprocessingSpec): Promise<CombatParams> {
  const { readCombatParams, checkSameFeatures } = await loadHarmonize();
  const params = await readCombatParams(file);
  checkSameFeatures(params, spec, file);
  return params;
}

function besideTable(out: string, suffix: string): string {
  const ext = path.extname(out);
  return `${out.slice(0, out.length - ext.length)}${suffix}`;
}

/** Harmonizes the table: fits when `params` is null, applies them otherwise. Writes the raw table first, so a refusal loses nothing. */
export async function harmonizeForCli(table: FeatureTable, spec: PreprocessingSpec, params: CombatParams | null, out: string): Promise<CliHarmonization> {
  const { applyToTable, fitTable, featureSpecHash, harmonizationOf } = await loadHarmonize();
  const { writeFeatureTable } = await import('../../../pipelines/features/write-table');
  const ext = path.extname(out) || '.csv';
  const raw = besideTable(out, `.raw${ext}`);
  await writeFeatureTable(raw, table, spec);
  const options = harmonizationOf(spec);
  let done;
  try {
    done = params ? applyToTable(table, params, options) : fitTable(table, options, featureSpecHash(spec));
  } catch (e) {
    if (e instanceof Error) e.message += ` The table before harmonization is in ${raw}.`;
    throw e;
  }
  const files: HarmonizationFiles = { raw, params: besideTable(out, '.combat.json'), warnings: null };
  await writeFile(files.params, `${JSON.stringify(done.params, null, 2)}\n`);
  if (done.warnings.length) {
    files.warnings = besideTable(out, '.combat-warnings.json');
    await writeFile(files.warnings, `${JSON.stringify(done.warnings, null, 2)}\n`);
  }
  return { mode: params ? 'apply' : 'fit', table: done.table, params: done.params, files, warnings: done.warnings };
}

export function harmonizationSummary(h: CliHarmonization): string[] {
  const verb = h.mode === 'fit' ? 'fitted ComBat on' : 'applied ComBat of';
  const corrected = h.table.rows.length - h.warnings.length;
  return [
    `Harmonized: ${verb} ${h.params.sites.length} sites (${h.params.sites.join(', ')}); ${corrected} rows corrected, ${h.warnings.length} left uncorrected${h.files.warnings ? ` (${h.files.warnings})` : ''}.`,
    `ComBat: ${h.files.params}`,
    `Before harmonization: ${h.files.raw}`,
  ];
}

/** The `harmonization` part of --json. */
export function harmonizationJson(h: CliHarmonization) {
  return { mode: h.mode, sites: h.params.sites, files: h.files, rowsCorrected: h.table.rows.length - h.warnings.length, warnings: h.warnings };
}
