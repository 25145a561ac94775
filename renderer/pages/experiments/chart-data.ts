/**
 * The numbers behind the metric charts: smoothing, another metric as the x axis, a log
 * scale, a zoomed range and tooltip digits. Pure, so each is unit-tested.
 */

export interface SeriesPoint {
  step: number;
  timestamp: number;
  value: number;
}

export interface XY {
  x: number;
  y: number;
}

/** 'step', 'time', or `metric:<key>` to plot against another metric logged at the same steps. */
export type ChartX = 'step' | 'time' | `metric:${string}`;

export interface ChartSettings {
  x: ChartX;
  /** Exponential smoothing weight, 0 (none) to 0.99. */
  smoothing: number;
  logY: boolean;
  /** The x range zoomed to; null shows everything. */
  range: { from: number; to: number } | null;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = { x: 'step', smoothing: 0, logY: false, range: null };

export const metricOfX = (x: ChartX): string | null => (x.startsWith('metric:') ? x.slice('metric:'.length) : null);

/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not
 * pulled towards zero. Non-finite values pass through without touching the average.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return values.slice();
  let last = 0;
  let count = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * weight + (1 - weight) * v;
    count += 1;
    return last / (1 - weight ** count);
  });
}

/** The value of `x` at the step nearest each point of `y` (both sorted by step): y against another metric. */
export function pairByStep(y: readonly SeriesPoint[], x: readonly SeriesPoint[]): XY[] {
  if (x.length === 0) return [];
  const out: XY[] = [];
  let j = 0;
  for (const p of y) {
    while (j + 1 < x.length && Math.abs(x[j + 1]!.step - p.step) <= Math.abs(x[j]!.step - p.step)) j += 1;
    out.push({ x: x[j]!.value, y: p.value });
  }
  return out.sort((a, b) => a.x - b.x);
}

/**
 * The points one line draws. `xSeries` is the x metric's history (for `metric:` axes);
 * `startTime` makes the time axis seconds since the run started.
 */
export function linePoints(points: readonly SeriesPoint[], settings: ChartSettings, options: { xSeries?: readonly SeriesPoint[]; startTime?: number } = {}): XY[] {
  const ys = smooth(points.map((p) => p.value), settings.smoothing);
  const smoothed = points.map((p, i) => ({ ...p, value: ys[i]! }));
  let xy: XY[];
  if (metricOfX(settings.x) !== null) xy = pairByStep(smoothed, options.xSeries ?? []);
  else if (settings.x === 'time') xy = smoothed.map((p) => ({ x: options.startTime === undefined ? p.timestamp : (p.timestamp - options.startTime) / 1000, y: p.value }));
  else xy = smoothed.map((p) => ({ x: p.step, y: p.value }));
  return xy.filter((p) => Number.isFinite(p.y) && (!settings.logY || p.y > 0) && (!settings.range || (p.x >= settings.range.from && p.x <= settings.range.to)));
}

/** A number with about four significant digits: 0.8731, 12.35, 1.235e+6, 3.2e-5. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0 || Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}
