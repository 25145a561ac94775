import { api, ApiError } from '../../api/client';
import { postUpload, type UploadRecord } from '../../api/upload-file';
import { chooseDatasetFolder, chooseDatasetZip } from '../../shell/desktop/native-dialogs';

export type SourceKind = 'demo' | 'dataset' | 'features';

/** The desktop app's native dialog for the data to train on; null when the user cancels. */
export async function chooseTrainingPath(kind: 'folder' | 'zip' | 'csv'): Promise<string | null> {
  if (kind === 'folder') return chooseDatasetFolder();
  if (kind === 'zip') return chooseDatasetZip();
  return (await api.shell.openFileDialog({ title: 'Open a feature table', filters: [{ name: 'Feature table (CSV)', extensions: ['csv'] }] })).path;
}

/**
 * In a browser the data goes to the server first (POST /api/uploads, streamed):
 * a BIDS dataset as a zip, a feature table as a CSV. The upload's id is what
 * training.startUpload trains on.
 */
export async function uploadForTraining(file: File): Promise<UploadRecord> {
  const csv = /\.csv$/i.test(file.name);
  if (!csv && !/\.zip$/i.test(file.name)) throw new ApiError({ code: 'NOT_RECOGNIZED', message: `${file.name} is neither a .zip (a BIDS dataset) nor a .csv (a feature table).` });
  return postUpload(file, csv ? 'text/csv' : 'application/zip');
}
