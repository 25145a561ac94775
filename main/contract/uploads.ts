import { z } from 'zod';
import { procedure } from './define';

/** Datasets kept for prediction (and feature tables for training) in the data folder's uploads/, every file hashed. */

const uploadSummary = z.object({
  id: z.string(),
  name: z.string(),
  source: z.enum(['zip', 'folder', 'csv']),
  createdAt: z.number(),
  root: z.string(),
  bytes: z.number().int(),
  fileCount: z.number().int(),
});

export const uploadRecordSchema = uploadSummary.omit({ fileCount: true }).extend({
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() })),
});

export const UPLOAD_HTTP_PATH = '/api/uploads';

export const uploadProcedures = {
  'uploads.add': procedure(
    'Keeps a BIDS dataset (a .zip, extracted under the zip safety rules, or a folder) or a feature table (.csv) in uploads/ and hashes every file.',
    z.object({ path: z.string().min(1), name: z.string().optional() }),
    uploadRecordSchema,
    {
      hostPaths: true,
      overHttp: `POST ${UPLOAD_HTTP_PATH}?fileName=NAME.zip with the zip as the body (Content-Type: application/zip), or ?fileName=NAME.csv with a feature table (Content-Type: text/csv)`,
    },
  ),
  'uploads.list': procedure('The kept uploads, newest first.', z.object({}), z.object({ uploads: z.array(uploadSummary) })),
  'uploads.get': procedure('One upload with its files and their sha256.', z.object({ id: z.string() }), uploadRecordSchema),
  'uploads.delete': procedure(
    "Removes an upload's files; the audit records of predictions made from it stay.",
    z.object({ id: z.string() }),
    z.object({ id: z.string() }),
  ),
};

export const uploadEvents = {};
