/**
 * Writes a feature table as CSV and, beside it, the spec that made it with its
 * hash (`<name>.spec.json`), so the table never travels without its spec.
 */
import { writeFile } from 'node:fs/promises';
import type { PreprocessingSpec } from '../preprocess/spec';
import { specHash } from '../preprocess/spec';
import { tableToCsv } from './table';
import type { FeatureTable } from './table';

export function specPathFor(csvPath: string): string {
  return `${csvPath.replace(/\.csv$/i, '')}.spec.json`;
}

export async function writeFeatureTable(csvPath: string, table: FeatureTable, spec: PreprocessingSpec): Promise<{ csv: string; spec: string }> {
  const specPath = specPathFor(csvPath);
  await writeFile(csvPath, tableToCsv(table));
  await writeFile(specPath, `${JSON.stringify({ specHash: specHash(spec), spec }, null, 2)}\n`);
  return { csv: csvPath, spec: specPath };
}
