/**
 * A few SVG building blocks for the training artifacts (MLflow shows them as
 * images after sync). Plain strings, escaped text, fixed fonts and sizes, so
 * the same numbers give the same bytes.
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? Number(v.toFixed(digits)).toString() : 'NaN');

export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${fmt(x, 1)}" y="${fmt(y, 1)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** Distinct colours for up to 8 series, then repeating. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
