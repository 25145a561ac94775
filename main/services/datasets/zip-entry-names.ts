import { DEFAULT_ZIP_LIMITS } from '../../../pipelines/zip';
import { openCentralDirectory } from '../../../pipelines/zip/central-directory';

/**
 * The entry names of a zip, from its central directory only, under the extractor's
 * limits: nothing is decompressed, so an untrusted zip is identified cheaply and safely.
 */
export async function zipEntryNames(file: string): Promise<string[]> {
  const { entries, close } = await openCentralDirectory(file, DEFAULT_ZIP_LIMITS);
  await close();
  return entries.map((entry) => entry.name);
}
