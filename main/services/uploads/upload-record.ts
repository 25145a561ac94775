/** One file of an upload: its path inside the dataset (forward slashes), size and sha256. */
export interface UploadFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** What `<uploads>/<id>/upload.json` holds; written last, so an upload without it never finished. */
export interface UploadRecord {
  id: string;
  /** The name the user knows: the zip's or the folder's. */
  name: string;
  /** csv: a feature table, the upload's one file. */
  source: 'zip' | 'folder' | 'csv';
  createdAt: number;
  /** The dataset's root inside `<uploads>/<id>/dataset`: '' or the zip's one top folder ('' for a table). */
  root: string;
  bytes: number;
  files: UploadFile[];
}

export const UPLOAD_RECORD_FILE = 'upload.json';
export const UPLOAD_DATASET_DIR = 'dataset';
/** Upload folders are `ds-<uuid>`: nothing else in uploads/ (bundle scratch) looks like one. */
export const UPLOAD_ID = /^ds-[0-9a-f-]{36}$/;
