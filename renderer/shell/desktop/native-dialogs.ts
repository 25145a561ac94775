import { api } from '../../api/client';

/**
 * The desktop app's native Open and Save dialogs, for every page that needs one. They go
 * through the contract (IPC only; the core refuses them over HTTP) and answer null when
 * the user cancels.
 */
const ZIP = { name: 'Zip archive', extensions: ['zip'] };

export async function chooseDatasetFolder(): Promise<string | null> {
  return (await api.shell.openFileDialog({ title: 'Open a BIDS dataset folder', directory: true })).path;
}

export async function chooseDatasetZip(): Promise<string | null> {
  return (await api.shell.openFileDialog({ title: 'Open a zipped BIDS dataset', filters: [{ ...ZIP, name: 'BIDS dataset (zip)' }] })).path;
}

export async function chooseBundle(): Promise<string | null> {
  return (await api.shell.openFileDialog({ title: 'Import a model bundle', filters: [{ ...ZIP, name: 'Model bundle' }] })).path;
}

const EXPORT_FILTERS: Record<'csv' | 'json' | 'zip', { name: string; extensions: string[] }> = {
  csv: { name: 'CSV table', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  zip: ZIP,
};

/** Where to write an export (results, an audit trail, a bundle), with the format's filter. */
export async function chooseExportPath(title: string, defaultName: string, format: keyof typeof EXPORT_FILTERS): Promise<string | null> {
  return (await api.shell.saveFileDialog({ title, defaultName, filters: [EXPORT_FILTERS[format]] })).path;
}
