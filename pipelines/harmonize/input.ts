/**
 * What ComBat reads: a block of feature rows with, for each row, its site and
 * its covariates. Built from a feature table (table.ts) or a stage's Dataset.
 */
export type CovariateValue = string | number | null;

export interface CombatInput {
  features: string[];
  /** One row per recording, values in `features` order. */
  rows: ArrayLike<number>[];
  /** The batch (site) of each row; null when the row has none. */
  sites: Array<string | null>;
  /** Each covariate column's values, one per row; a missing column is absent. */
  covariates: Record<string, CovariateValue[]>;
  /** How messages name each row (participant, recording). */
  labels: string[];
}

/** "a, b, c and 4 more": a list short enough for an error message. */
export function listSome(items: string[], max = 8): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
