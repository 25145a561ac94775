/**
 * The ROC curve artifact: for two classes the curve of the second class's
 * probability; for more, one one-vs-rest curve per class. Each with its AUC.
 */
import { areaUnder, rocCurve, type RocCurve } from '../roc-curve';
import { PALETTE, fmt, svgDocument, text } from './svg';

export interface RocArtifact {
  kind: 'roc_curve';
  curves: Array<RocCurve & { positive: string; auc: number }>;
}

export function rocArtifact(yTrue: ArrayLike<number>, proba: Float64Array, classes: string[]): RocArtifact {
  const K = classes.length;
  const positives = K === 2 ? [1] : classes.map((_, k) => k);
  return {
    kind: 'roc_curve',
    curves: positives.map((k) => {
      const curve = rocCurve(Array.from(yTrue, (v) => v === k), Float64Array.from({ length: yTrue.length }, (_, i) => proba[i * K + k]!));
      return { positive: classes[k]!, ...curve, auc: areaUnder(curve.fpr, curve.tpr) };
    }),
  };
}

export function rocSvg(a: RocArtifact): string {
  const size = 300;
  const left = 60;
  const top = 40;
  const px = (v: number): string => fmt(left + v * size, 1);
  const py = (v: number): string => fmt(top + (1 - v) * size, 1);
  const body = [
    `<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="none" stroke="#333"/>`,
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#aaa" stroke-dasharray="4 4"/>`,
    text(left + size / 2, top + size + 34, 'false positive rate', 'text-anchor="middle"'),
    `<text x="18" y="${top + size / 2}" transform="rotate(-90 18 ${top + size / 2})" text-anchor="middle">true positive rate</text>`,
  ];
  for (const t of [0, 0.5, 1]) {
    body.push(text(left + t * size, top + size + 16, String(t), 'text-anchor="middle"'));
    body.push(text(left - 6, top + (1 - t) * size + 4, String(t), 'text-anchor="end"'));
  }
  a.curves.forEach((c, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const points = c.fpr.map((f, j) => `${px(f)},${py(c.tpr[j]!)}`).join(' ');
    body.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    body.push(`<rect x="${left + size + 16}" y="${top + i * 18}" width="10" height="10" fill="${colour}"/>`);
    body.push(text(left + size + 30, top + i * 18 + 9, `${c.positive} (AUC ${fmt(c.auc)})`));
  });
  return svgDocument(left + size + 200, top + size + 50, 'ROC curve', body);
}
