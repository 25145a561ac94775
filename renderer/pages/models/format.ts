/** Metrics as people read them: six significant digits at most. */
export const formatMetric = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : String(Number(value.toPrecision(6)));

/** A share (0–1) as a percentage with one decimal: accuracies, probabilities, matrix cells. */
export const formatPercent = (x: number): string => `${(100 * x).toFixed(1)}%`;

export const formatTime = (ms: number): string => new Date(ms).toLocaleString();

/** The few metrics worth showing first: the gate's metric, then the others by name. */
export function keyMetrics(metrics: Record<string, number> | null, first?: string, most = 4): Array<[string, number]> {
  if (!metrics) return [];
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  const gate = first ? entries.filter(([k]) => k === first) : [];
  return [...gate, ...entries.filter(([k]) => k !== first)].slice(0, most);
}
