/**
 * SQLite stores a NaN REAL as NULL, so NaN is kept as value 0 with a flag, as MLflow's
 * SQL store does. ±Infinity are stored as they are.
 */
export function toStoredValue(value: number): { value: number; isNan: 0 | 1 } {
  return Number.isNaN(value) ? { value: 0, isNan: 1 } : { value, isNan: 0 };
}

export function fromStoredValue(value: number, isNan: number): number {
  return isNan ? Number.NaN : value;
}

/** Metric points of one rollup block: 1024 consecutive steps. */
export const ROLLUP_BLOCK_STEPS = 1024;

export function rollupBlockOf(step: number): number {
  return Math.floor(step / ROLLUP_BLOCK_STEPS);
}

/** JSON has no NaN or Infinity: over JSON they travel as these strings (MLflow's convention). */
export type JsonDouble = number | 'NaN' | 'Infinity' | '-Infinity';

export function toJsonDouble(value: number): JsonDouble {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}
