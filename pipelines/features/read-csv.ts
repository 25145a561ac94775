/**
 * Reads an RFC 4180 CSV (what `neuroops features` and most tools write): quoted
 * cells with doubled quotes, commas and line breaks inside quotes, CRLF or LF.
 * Gives the header and the rows as strings; the caller decides what is numeric.
 */
import { PipelineError } from '../errors';

export interface CsvText {
  header: string[];
  rows: string[][];
}

export function parseCsv(text: string, where: string): CsvText {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first name
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new PipelineError('INVALID_CSV', `${where}: a quoted cell is never closed.`);
  if (cell !== '' || record.length) {
    record.push(cell);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const header = nonEmpty[0];
  if (!header) throw new PipelineError('INVALID_CSV', `${where} is empty: a feature table needs a header line and rows.`);
  const rows = nonEmpty.slice(1);
  rows.forEach((r, n) => {
    if (r.length !== header.length) {
      throw new PipelineError('INVALID_CSV', `${where}, line ${n + 2}: ${r.length} cells where the header has ${header.length}.`);
    }
  });
  return { header, rows };
}
