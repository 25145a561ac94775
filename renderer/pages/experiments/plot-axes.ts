import { formatNumber } from './chart-data';
import type { DiffRow } from './run-diff';

/**
 * One param or metric of the compared runs as an axis of the parallel-coordinates plot
 * or the scatter: numeric when every value present is a number, otherwise its distinct
 * values in order, each at its own position.
 */
export interface PlotAxis {
  id: string;
  label: string;
  /** One per run: its position on the axis (a number, or a category's index), null when missing. */
  values: Array<number | null>;
  /** The category names of a non-numeric axis, in position order. */
  categories: string[] | null;
  min: number;
  max: number;
}

const isNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

export function plotAxis(row: DiffRow): PlotAxis {
  const present = row.values.filter((v) => v !== '');
  const numeric = present.length > 0 && present.every(isNumber);
  const categories = numeric ? null : [...new Set(present)].sort();
  const values = row.values.map((v) => (v === '' ? null : numeric ? Number(v) : categories!.indexOf(v)));
  const known = values.filter((v): v is number => v !== null);
  return {
    id: `${row.kind}:${row.key}`,
    label: `${row.kind === 'param' ? 'param' : 'metric'} ${row.key}`,
    values,
    categories,
    min: known.length ? Math.min(...known) : 0,
    max: known.length ? Math.max(...known) : 0,
  };
}

/** The axes worth plotting: those where the runs differ first, then the rest, at most `limit`. */
export function plotAxes(rows: readonly DiffRow[], limit = 10): PlotAxis[] {
  const usable = rows.filter((r) => r.values.some((v) => v !== ''));
  return [...usable.filter((r) => r.differs), ...usable.filter((r) => !r.differs)].slice(0, limit).map(plotAxis);
}

/** Where a value sits on its axis, 0 (bottom) to 1 (top); a constant axis puts everything in the middle. */
export function position(axis: PlotAxis, value: number): number {
  return axis.max === axis.min ? 0.5 : (value - axis.min) / (axis.max - axis.min);
}

/** How a position reads on its axis: the category's name, or the number. */
export function axisText(axis: PlotAxis, value: number): string {
  return axis.categories ? (axis.categories[value] ?? '') : formatNumber(value);
}
