import fs from 'node:fs';

/**
 * The copy of a packaged file outside app.asar. Worker threads loading ES modules from
 * inside an asar archive have broken in several Electron releases, so the installer ships
 * the executor's worker and its chunks unpacked (electron-builder.yml, asarUnpack) and the
 * pool starts it from there. Outside an installed app (source, tests, `neuroops serve`)
 * the path has no app.asar in it and is returned as is; so is a file that was not unpacked.
 */
export function outsideAsar(file: string, exists: (file: string) => boolean = fs.existsSync): string {
  const unpacked = file.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
  return unpacked !== file && exists(unpacked) ? unpacked : file;
}
