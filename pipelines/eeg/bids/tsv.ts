/**
 * BIDS tab-separated tables: a header row of column names, then one row per
 * line; "n/a" marks a missing value. Files written on Windows or by Excel may
 * carry a UTF-8 byte-order mark and CRLF line ends, both tolerated.
 */
export interface Table {
  columns: string[];
  rows: Array<Record<string, string>>;
  /** Rows whose cell count differs from the header: [line number, cells]. */
  ragged: Array<[number, number]>;
}

export function parseTsv(text: string): Table {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = clean.split(/\r\n|\n|\r/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  const columns = (lines[0] ?? '').split('\t').map((c) => c.trim());
  const rows: Table['rows'] = [];
  const ragged: Table['ragged'] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split('\t');
    if (cells.length !== columns.length) ragged.push([i + 2, cells.length]);
    rows.push(Object.fromEntries(columns.map((c, k) => [c, (cells[k] ?? 'n/a').trim()])));
  });
  return { columns, rows, ragged };
}

export function isNA(v: string | undefined): boolean {
  return v === undefined || v === '' || v === 'n/a';
}
