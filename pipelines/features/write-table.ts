/**
 * Writes a feature table and, beside it, the spec that made it with its hash
 * (`<name>.spec.json`), so the table never travels without its spec. The
 * format follows the file's extension: `.arrow` or `.feather` is Apache Arrow
 * IPC (file format), anything else CSV.
 */
import { writeFile } from 'node:fs/promises';
import type { PreprocessingSpec } from '../preprocess/spec';
import { specHash } from '../preprocess/spec';
import { tableToCsv } from './table';
import type { FeatureTable } from './table';

export type TableFormat = 'csv' | 'arrow';

const TABLE_EXTENSION = /\.(csv|arrow|feather)$/i;

export function tableFormatOf(path: string): TableFormat {
  return /\.(arrow|feather)$/i.test(path) ? 'arrow' : 'csv';
}

export function specPathFor(tablePath: string): string {
  return `${tablePath.replace(TABLE_EXTENSION, '')}.spec.json`;
}

export interface WrittenTable {
  table: string;
  format: TableFormat;
  spec: string;
}

export async function writeFeatureTable(tablePath: string, table: FeatureTable, spec: PreprocessingSpec): Promise<WrittenTable> {
  const specPath = specPathFor(tablePath);
  const hash = specHash(spec);
  const format = tableFormatOf(tablePath);
  if (format === 'arrow') {
    // Loaded only for Arrow output: CSV runs do not pay for the library.
    const { tableToArrowIpc } = await import('./arrow-table');
    await writeFile(tablePath, tableToArrowIpc(table, hash));
  } else {
    await writeFile(tablePath, tableToCsv(table));
  }
  await writeFile(specPath, `${JSON.stringify({ specHash: hash, spec }, null, 2)}\n`);
  return { table: tablePath, format, spec: specPath };
}
