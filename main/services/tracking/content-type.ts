import path from 'node:path';

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
  '.yml': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.html': 'text/plain; charset=utf-8',
};

/** The type to serve an artifact as. HTML is served as text: artifacts are data, never pages. */
export function artifactContentType(file: string): string {
  const base = path.posix.basename(file);
  if (base === 'MLmodel') return 'text/plain; charset=utf-8';
  return TYPES[path.posix.extname(base).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether a preview may show the bytes as text. */
export function isTextContentType(contentType: string): boolean {
  return contentType.startsWith('text/') || contentType.startsWith('application/json');
}
