/** The Predictions page's CSV export buttons: a download link in a browser, the save dialog and a procedure call in the desktop app. */
import { describe, expect, it } from 'vitest';
import { exportFileName, exportHref, saveWithDialog, type CsvExport, type DesktopExportApi } from '../../../renderer/pages/predictions/csv-export';

const form = { model: 'eeg-classifier', label: 'MCI', from: '', to: '' };

/** The desktop side, recording what the button asked for; `chosen` is what the save dialog answers. */
function fakeDesktop(chosen: string | null) {
  const calls: Array<[string, unknown]> = [];
  const desktop: DesktopExportApi = {
    chooseExportPath: async (title, defaultName, format) => {
      calls.push(['dialog', { title, defaultName, format }]);
      return chosen;
    },
    predictionsExportCsv: async (input) => {
      calls.push(['predictions.exportCsv', input]);
      return { path: input.path, rows: 3, bytes: 120 };
    },
    auditExportCsv: async (input) => {
      calls.push(['audit.exportCsv', input]);
      return { path: input.path, records: 7, bytes: 900 };
    },
  };
  return { desktop, calls };
}

describe('in a browser: links to the HTTP routes', () => {
  it('one job, the filtered history and the audit log', () => {
    expect(exportHref({ kind: 'job', id: 'j 1' })).toBe('api/predictions/export.csv?job=j%201');
    expect(exportHref({ kind: 'history', form })).toBe('api/predictions/export.csv?model=eeg-classifier&label=MCI');
    expect(exportHref({ kind: 'audit' })).toBe('api/audit/export.csv');
    expect(exportFileName({ kind: 'job', id: 'abc' })).toBe('prediction-abc.csv');
  });
});

describe('in the desktop app: the save dialog, then the procedure writes the file', () => {
  it('exports one job under the name the download would carry', async () => {
    const { desktop, calls } = fakeDesktop('/home/me/prediction-abc.csv');
    expect(await saveWithDialog({ kind: 'job', id: 'abc' }, desktop)).toBe('Saved 3 recordings to /home/me/prediction-abc.csv.');
    expect(calls).toEqual([
      ['dialog', { title: 'Export prediction results as CSV', defaultName: 'prediction-abc.csv', format: 'csv' }],
      ['predictions.exportCsv', { path: '/home/me/prediction-abc.csv', job: 'abc' }],
    ]);
  });

  it("exports the history under the page's filters, without paging", async () => {
    const { desktop, calls } = fakeDesktop('/tmp/p.csv');
    await saveWithDialog({ kind: 'history', form: { ...form, from: '2026-11-01' } }, desktop);
    expect(calls[1]).toEqual(['predictions.exportCsv', { path: '/tmp/p.csv', model: 'eeg-classifier', label: 'MCI', from: new Date('2026-11-01T00:00:00').getTime() }]);
  });

  it('exports the audit log as CSV', async () => {
    const { desktop, calls } = fakeDesktop('/tmp/audit.csv');
    expect(await saveWithDialog({ kind: 'audit' } satisfies CsvExport, desktop)).toBe('Saved 7 audit records to /tmp/audit.csv.');
    expect(calls.map(([name]) => name)).toEqual(['dialog', 'audit.exportCsv']);
    expect(calls[1]![1]).toEqual({ path: '/tmp/audit.csv', format: 'csv' });
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { desktop, calls } = fakeDesktop(null);
    expect(await saveWithDialog({ kind: 'audit' }, desktop)).toBeNull();
    expect(calls.map(([name]) => name)).toEqual(['dialog']);
  });
});
