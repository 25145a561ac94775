import type { Input, Output } from '../../../main/contract';
import { AUDIT_EXPORT_PATH, exportFilter, exportUrls, jobExportUrl, type HistoryForm } from './prediction-view';

/**
 * What the page's CSV export buttons do. In a browser they are download links to the HTTP
 * routes of `neuroops serve`; the desktop window has no HTTP server, so there a button opens
 * the native save dialog and the core writes the same bytes to the chosen file.
 */
export type CsvExport = { kind: 'job'; id: string } | { kind: 'history'; form: HistoryForm } | { kind: 'audit' };

/** The download link a browser follows. */
export function exportHref(what: CsvExport): string {
  if (what.kind === 'job') return jobExportUrl(what.id);
  return what.kind === 'history' ? exportUrls(what.form).results : AUDIT_EXPORT_PATH;
}

/** The name the save dialog proposes (the one the HTTP route's download carries). */
export function exportFileName(what: CsvExport): string {
  if (what.kind === 'job') return `prediction-${what.id}.csv`;
  return what.kind === 'history' ? 'predictions.csv' : 'audit.csv';
}

/** The desktop app's side: the save dialog, and the procedures that write the file. */
export interface DesktopExportApi {
  chooseExportPath(title: string, defaultName: string, format: 'csv'): Promise<string | null>;
  predictionsExportCsv(input: Input<'predictions.exportCsv'>): Promise<Output<'predictions.exportCsv'>>;
  auditExportCsv(input: Input<'audit.exportCsv'>): Promise<Output<'audit.exportCsv'>>;
}

/** Asks where to save, then writes there; a sentence for the page saying what was written, or null when the user cancels. */
export async function saveWithDialog(what: CsvExport, desktop: DesktopExportApi): Promise<string | null> {
  const title = what.kind === 'audit' ? 'Export the audit log as CSV' : 'Export prediction results as CSV';
  const path = await desktop.chooseExportPath(title, exportFileName(what), 'csv');
  if (!path) return null;
  if (what.kind === 'audit') {
    const written = await desktop.auditExportCsv({ path, format: 'csv' });
    return `Saved ${written.records} audit records to ${written.path}.`;
  }
  const selection = what.kind === 'job' ? { job: what.id } : exportFilter(what.form);
  const written = await desktop.predictionsExportCsv({ path, ...selection });
  return `Saved ${written.rows} recordings to ${written.path}.`;
}
