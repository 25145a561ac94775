/**
 * The feature importance artifacts: impurity-based (trees; |coefficients| for
 * logistic regression) and permutation importance on the test split, features
 * sorted by importance, with the std over repeats for the permutation kind.
 */
import { PipelineError } from '../../errors';
import { fmt, svgDocument, text } from './svg';

export interface ImportanceArtifact {
  kind: 'impurity_importance' | 'permutation_importance';
  /** Sorted by decreasing importance; ties keep the table order. */
  features: Array<{ name: string; importance: number; std?: number }>;
}

export function importanceArtifact(
  kind: ImportanceArtifact['kind'],
  names: readonly string[],
  importance: ArrayLike<number>,
  std?: ArrayLike<number>,
): ImportanceArtifact {
  if (names.length !== importance.length) {
    throw new PipelineError('FEATURE_MISMATCH', `There are ${names.length} feature names but ${importance.length} importances.`);
  }
  const features = names.map((name, f) => ({ name, importance: importance[f]!, ...(std ? { std: std[f]! } : {}) }));
  features.sort((a, b) => b.importance - a.importance);
  return { kind, features };
}

/** A horizontal bar chart of the `top` most important features. */
export function importanceSvg(a: ImportanceArtifact, top = 20): string {
  const shown = a.features.slice(0, top);
  const barMax = 260;
  const left = 200;
  const row = 18;
  const maxValue = Math.max(1e-12, ...shown.map((f) => Math.abs(f.importance) + (f.std ?? 0)));
  const body: string[] = [];
  shown.forEach((f, i) => {
    const y = 40 + i * row;
    const w = (Math.max(0, f.importance) / maxValue) * barMax;
    body.push(text(left - 6, y + 12, f.name.length > 30 ? `${f.name.slice(0, 29)}…` : f.name, 'text-anchor="end"'));
    body.push(`<rect x="${left}" y="${y + 2}" width="${fmt(w, 1)}" height="${row - 4}" fill="#1f77b4"/>`);
    if (f.std !== undefined && f.std > 0) {
      const c = left + w;
      const d = (f.std / maxValue) * barMax;
      body.push(`<line x1="${fmt(c - d, 1)}" y1="${y + row / 2}" x2="${fmt(c + d, 1)}" y2="${y + row / 2}" stroke="#333"/>`);
    }
    body.push(text(left + barMax + 40, y + 12, fmt(f.importance, 4), 'text-anchor="end"'));
  });
  const title = a.kind === 'impurity_importance' ? 'Feature importance (impurity)' : 'Permutation importance (test split)';
  return svgDocument(left + barMax + 60, 50 + shown.length * row, title, body);
}
