import type { ArtifactContent } from './types';

export type Preview =
  | { kind: 'image'; src: string }
  | { kind: 'json'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'text'; text: string }
  | { kind: 'binary' };

const MAX_TABLE_ROWS = 200;

/** Splits one CSV line, honouring double-quoted fields. */
export function splitCsvLine(line: string, separator = ','): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** How to show an artifact: images inline, JSON pretty, CSV/TSV as a table, text as is. */
export function previewOf(content: ArtifactContent): Preview {
  const type = content.contentType;
  if (type.startsWith('image/') && content.encoding === 'base64' && !content.truncated) {
    return { kind: 'image', src: `data:${type.split(';')[0]};base64,${content.content}` };
  }
  if (content.encoding !== 'utf8') return { kind: 'binary' };
  if (type.startsWith('application/json') && !content.truncated) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(content.content), null, 2) };
    } catch {
      return { kind: 'text', text: content.content };
    }
  }
  if (type.startsWith('text/csv') || type.startsWith('text/tab-separated-values')) {
    const separator = type.startsWith('text/csv') ? ',' : '\t';
    const lines = content.content.split(/\r?\n/).filter((l) => l !== '');
    // The last line of a truncated file may be cut in the middle.
    if (content.truncated) lines.pop();
    const [head, ...rest] = lines.map((l) => splitCsvLine(l, separator));
    return { kind: 'table', header: head ?? [], rows: rest.slice(0, MAX_TABLE_ROWS) };
  }
  return { kind: 'text', text: content.content };
}
