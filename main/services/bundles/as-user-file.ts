import path from 'node:path';
import { AppError } from '../../core/app-error';

/** The base name of a file the user chose, as a browser or a drop gives it. */
const userFileName = (fileName: string): string => path.basename(fileName.replaceAll('\\', '/'));

/**
 * Runs the import of an uploaded bundle's scratch copy. A refusal that names the scratch
 * file (`bundle-<owner>-<uuid>.zip`) names the file the user chose instead, which is the
 * name they know.
 */
export async function asUserFile<T>(scratch: string, fileName: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const name = fileName ? userFileName(fileName) : '';
    if (!name || !(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.message.replaceAll(scratch, name).replaceAll(path.basename(scratch), name));
  }
}
