/**
 * Decides where a zip entry may be written. An entry name is attacker-chosen
 * text: "../" segments (zip-slip), absolute paths, drive letters and
 * backslash separators can all point outside the target folder, and a
 * symbolic link entry can redirect later writes. All of these are refused.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PipelineError } from '../errors';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The entry's Unix mode lives in the top 16 bits of the external attributes (when made on Unix). */
export function isSymlinkEntry(externalAttributes: number): boolean {
  return ((externalAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

/**
 * The safe relative path of an entry inside `root`, or a PipelineError
 * naming the zip and the entry. Directory entries keep no trailing slash.
 */
export function safeEntryPath(zipName: string, root: string, entryName: string): string {
  const refuse = (why: string) =>
    new PipelineError('UNSAFE_ZIP', `${zipName}: entry "${entryName}" ${why}; the zip was not extracted`);
  if (entryName.includes('\0')) throw refuse('contains a NUL character');
  const name = entryName.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || isAbsolute(name)) throw refuse('is an absolute path');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw refuse('points outside the target folder ("..")');
  if (parts.length === 0) throw refuse('has an empty name');
  const rel = parts.join(sep);
  const target = resolve(root, rel);
  // Belt and braces: whatever the name, the resolved path must stay under root.
  const back = relative(root, target);
  if (back.startsWith('..') || isAbsolute(back)) throw refuse('points outside the target folder');
  return join(...parts);
}
