/**
 * ComBat on a feature table (pipelines/features/table.ts): the site and the
 * covariates come from the table's key columns, and the harmonized values
 * replace the feature cells; keys and quality columns are untouched.
 */
import type { FeatureTable } from '../features/table';
import { applyCombat, type HarmonizationWarning } from './apply-combat';
import { fitCombat } from './fit-combat';
import type { CombatInput, CovariateValue } from './input';
import type { HarmonizationOptions } from './options';
import type { CombatParams } from './params';

type TableLike = Pick<FeatureTable, 'columns' | 'rows' | 'featureColumns'> & Partial<Pick<FeatureTable, 'rowPaths'>>;

export function combatInputFromTable(table: TableLike, options: HarmonizationOptions): CombatInput {
  const at = (name: string) => table.columns.indexOf(name);
  const cells = (name: string): CovariateValue[] | undefined => (at(name) < 0 ? undefined : table.rows.map((r) => r[at(name)] ?? null));
  const features = table.featureColumns.map(at);
  const covariates: Record<string, CovariateValue[]> = {};
  for (const c of options.covariates) {
    const values = cells(c.column);
    if (values) covariates[c.column] = values;
  }
  const id = at('participant_id');
  return {
    features: table.featureColumns,
    rows: table.rows.map((r) => features.map((i) => r[i] as number)),
    sites: (cells(options.batch) ?? table.rows.map(() => null)).map((v) => (v === null ? null : String(v))),
    covariates,
    labels: table.rows.map((r, i) => table.rowPaths?.[i] ?? (id >= 0 ? String(r[id]) : `row ${i + 1}`)),
  };
}

export interface HarmonizedTable<T extends TableLike> {
  table: T;
  params: CombatParams;
  /** Rows left uncorrected (unknown site, passed by the spec). */
  warnings: HarmonizationWarning[];
}

function replaceFeatures<T extends TableLike>(table: T, rows: Float64Array[]): T {
  const at = table.featureColumns.map((c) => table.columns.indexOf(c));
  return {
    ...table,
    rows: table.rows.map((r, i) => {
      const copy = r.slice();
      at.forEach((col, f) => (copy[col] = rows[i]![f]!));
      return copy;
    }),
  };
}

/** Fits ComBat on the table and harmonizes it. */
export function fitTable<T extends TableLike>(table: T, options: HarmonizationOptions, featureSpecHash: string | null): HarmonizedTable<T> {
  const fitted = fitCombat(combatInputFromTable(table, options), options, featureSpecHash);
  return { table: replaceFeatures(table, fitted.rows), params: fitted.params, warnings: fitted.warnings };
}

/** Harmonizes the table with parameters fitted before; unknown sites follow the options' policy. */
export function applyToTable<T extends TableLike>(table: T, params: CombatParams, options: HarmonizationOptions): HarmonizedTable<T> {
  const applied = applyCombat(params, combatInputFromTable(table, { ...options, batch: params.batch, covariates: params.covariates }), options);
  return { table: replaceFeatures(table, applied.rows), params, warnings: applied.warnings };
}
