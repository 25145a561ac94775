/**
 * The feature table as Apache Arrow IPC (the file format, which Feather v2 is):
 * one column per table column, in order, typed so that pandas, R and polars
 * read it without guessing. The spec hash travels in the schema's metadata.
 */
import { Float64, Int32, Schema, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { DataType, Vector } from 'apache-arrow';
import type { Cell, FeatureTable } from './table';

/** Counts that are whole numbers by nature; every other numeric column is float64. */
const INTEGER_COLUMNS = new Set(['n_bad_channels', 'n_interpolated_channels', 'epochs_total', 'epochs_kept', 'epochs_rejected']);

/** The key of the spec hash in the Arrow schema's metadata. */
export const SPEC_HASH_METADATA_KEY = 'neuroops.spec_hash';

function columnVector(name: string, cells: Cell[]): Vector<DataType> {
  const numeric = cells.every((c) => c === null || typeof c === 'number');
  // A column with only empty cells (a key the dataset does not use) is text, as in the CSV.
  if (numeric && cells.some((c) => c !== null)) {
    return INTEGER_COLUMNS.has(name) ? vectorFromArray(cells as Array<number | null>, new Int32()) : vectorFromArray(cells as Array<number | null>, new Float64());
  }
  return vectorFromArray(
    cells.map((c) => (c === null ? null : String(c))),
    new Utf8(),
  );
}

export function tableToArrowIpc(table: Pick<FeatureTable, 'columns' | 'rows'>, specHash: string): Uint8Array {
  const vectors: Record<string, Vector<DataType>> = {};
  table.columns.forEach((name, i) => {
    vectors[name] = columnVector(
      name,
      table.rows.map((r) => r[i] ?? null),
    );
  });
  const plain = new Table(vectors);
  const withMetadata = new Table(new Schema(plain.schema.fields, new Map([[SPEC_HASH_METADATA_KEY, specHash]])), plain.batches);
  return tableToIPC(withMetadata, 'file');
}

/** Reads a table written by tableToArrowIpc back into columns and rows of cells. */
export function arrowIpcToTable(bytes: Uint8Array): { columns: string[]; rows: Cell[][]; specHash: string | null } {
  const table = tableFromIPC(bytes);
  const columns = table.schema.fields.map((f) => f.name);
  const vectors = columns.map((_, i) => table.getChildAt(i)!);
  const rows: Cell[][] = [];
  for (let r = 0; r < table.numRows; r += 1) rows.push(vectors.map((v) => (v.get(r) as Cell | undefined) ?? null));
  return { columns, rows, specHash: table.schema.metadata.get(SPEC_HASH_METADATA_KEY) ?? null };
}
