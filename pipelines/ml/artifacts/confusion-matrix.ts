/** The confusion matrix artifact: JSON for the UI's chart and SVG for MLflow. Rows are true classes, columns predicted. */
import { PipelineError } from '../../errors';
import { confusionMatrix } from '../metrics';
import { escapeXml, svgDocument, text } from './svg';

export interface ConfusionMatrixArtifact {
  kind: 'confusion_matrix';
  classes: string[];
  /** counts[true][predicted] */
  counts: number[][];
  /** Each row divided by its total (recall per class on the diagonal); 0 for an empty row. */
  normalized: number[][];
}

export function confusionMatrixArtifact(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: string[]): ConfusionMatrixArtifact {
  const counts = confusionMatrix(yTrue, yPred, classes.length);
  if (counts.length !== classes.length) throw new PipelineError('INVALID_PARAMETER', `Labels go beyond the ${classes.length} class names given.`);
  const normalized = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (total > 0 ? c / total : 0));
  });
  return { kind: 'confusion_matrix', classes, counts, normalized };
}

export function confusionMatrixSvg(a: ConfusionMatrixArtifact): string {
  const K = a.classes.length;
  const cell = 64;
  const left = 120;
  const top = 60;
  const width = left + K * cell + 20;
  const height = top + K * cell + 50;
  const body: string[] = [];
  a.counts.forEach((row, i) =>
    row.forEach((count, j) => {
      const shade = Math.round(255 - 200 * a.normalized[i]![j]!);
      const x = left + j * cell;
      const y = top + i * cell;
      body.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)" stroke="#888"/>`);
      body.push(text(x + cell / 2, y + cell / 2 + 4, String(count), `text-anchor="middle"${a.normalized[i]![j]! > 0.6 ? ' fill="#fff"' : ''}`));
    }),
  );
  a.classes.forEach((name, k) => {
    body.push(text(left - 8, top + k * cell + cell / 2 + 4, name, 'text-anchor="end"'));
    body.push(text(left + k * cell + cell / 2, top + K * cell + 16, name, 'text-anchor="middle"'));
  });
  body.push(text(left + (K * cell) / 2, top + K * cell + 38, 'predicted', 'text-anchor="middle"'));
  body.push(`<text x="16" y="${top + (K * cell) / 2}" transform="rotate(-90 16 ${top + (K * cell) / 2})" text-anchor="middle">${escapeXml('true')}</text>`);
  return svgDocument(width, height, 'Confusion matrix', body);
}
