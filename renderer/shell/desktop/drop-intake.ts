/** What a drop on the window asks for, before the core is asked what the thing is. */
export type Intake =
  | { kind: 'path'; path: string; name: string }
  /** A browser has no paths: a dropped zip can only be uploaded, as a model bundle. */
  | { kind: 'upload'; file: File }
  | { kind: 'refused'; message: string };

export const WHAT_TO_DROP = 'Drop a BIDS dataset (a folder, or a .zip of one) or a model bundle (.zip).';

/**
 * Reads a drop. In the desktop app `pathForFile` (preload's webUtils.getPathForFile) gives
 * the dropped file or folder's place on disk, and the core then identifies it; in a
 * browser only a zip can be taken, and only as a model bundle upload.
 */
export function intakeOf(files: readonly File[], pathForFile?: (file: File) => string): Intake {
  if (files.length === 0) return { kind: 'refused', message: `Nothing that NeuroOps can open was dropped. ${WHAT_TO_DROP}` };
  if (files.length > 1) return { kind: 'refused', message: `${files.length} items were dropped; drop one dataset or bundle at a time.` };
  const file = files[0]!;
  if (pathForFile) {
    const path = pathForFile(file);
    if (!path) return { kind: 'refused', message: `"${file.name}" has no place on disk (was it dragged from another program?). ${WHAT_TO_DROP}` };
    return { kind: 'path', path, name: file.name };
  }
  if (/\.zip$/i.test(file.name)) return { kind: 'upload', file };
  return {
    kind: 'refused',
    message: `In a browser only a model bundle (.zip) can be dropped. To check a dataset, use the desktop app or run "neuroops inspect PATH"; "${file.name}" was not opened.`,
  };
}
