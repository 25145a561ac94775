/** The feature table as Apache Arrow IPC reads back identical (the CLI's `--out FILE.arrow` is in features-cli.test.ts). */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowIpcToTable, tableToArrowIpc } from '../../../pipelines/features/arrow-table';
import { specPathFor, tableFormatOf } from '../../../pipelines/features/write-table';

describe('feature table as Arrow IPC', () => {
  it('chooses the format by extension and puts the spec beside the table', () => {
    expect(tableFormatOf('/x/features.arrow')).toBe('arrow');
    expect(tableFormatOf('/x/features.FEATHER')).toBe('arrow');
    expect(tableFormatOf('/x/features.csv')).toBe('csv');
    expect(tableFormatOf('/x/features.txt')).toBe('csv');
    expect(specPathFor('/x/demo.arrow')).toBe('/x/demo.spec.json');
    expect(specPathFor('/x/demo.csv')).toBe('/x/demo.spec.json');
  });

  it('keeps text, numbers, whole counts and empty cells, in column order', () => {
    const table = {
      columns: ['participant_id', 'session', 'age', 'power_FP1_Delta', 'bad_channels', 'epochs_kept'],
      rows: [
        ['sub-01', null, 64, 0.25, 'T7;T8', 12],
        ['sub-02', null, null, 1 / 3, '', 11],
      ],
    };
    const back = arrowIpcToTable(tableToArrowIpc(table, 'sha256:abc'));
    expect(back).toEqual({ ...table, specHash: 'sha256:abc' });
    const types = tableFromIPC(tableToArrowIpc(table, 'sha256:abc')).schema.fields.map((f) => String(f.type));
    expect(types).toEqual(['Utf8', 'Utf8', 'Float64', 'Float64', 'Utf8', 'Int32']);
  });
});
