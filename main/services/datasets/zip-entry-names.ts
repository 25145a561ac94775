import yauzl from 'yauzl';
import { AppError } from '../../core/app-error';

/** More entries than any dataset or bundle we take; a zip past it is refused rather than listed forever. */
const MAX_ENTRIES = 200_000;

/**
 * The entry names of a zip, read from its central directory only: nothing is extracted
 * or decompressed, so an untrusted zip can be identified cheaply and safely.
 */
export function zipEntryNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const unreadable = (error: Error): AppError => new AppError('NOT_RECOGNIZED', `${file} is not a readable zip: ${error.message}`);
    yauzl.open(file, { lazyEntries: true, autoClose: true, decodeStrings: true }, (openError, zip) => {
      if (openError || !zip) return reject(unreadable(openError ?? new Error('no archive')));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (names.length > MAX_ENTRIES) {
          zip.close();
          reject(new AppError('NOT_RECOGNIZED', `${file} holds more than ${MAX_ENTRIES} entries; NeuroOps does not open it.`));
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', (error: Error) => reject(unreadable(error)));
      zip.readEntry();
    });
  });
}
