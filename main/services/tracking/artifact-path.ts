import { invalid } from '../../core/app-error';

/**
 * Checks and normalizes an artifact path: relative, forward slashes, no `..`, no empty
 * or `.` segments. Anything that could point outside a run's tree is refused, never
 * "fixed", so a client learns its path was wrong.
 */
export function normalizeArtifactPath(raw: unknown, options: { allowRoot?: boolean } = {}): string {
  if (raw === undefined || raw === null) raw = '';
  if (typeof raw !== 'string') throw invalid('An artifact path must be a string.');
  const refuse = (why: string): never => {
    throw invalid(`Invalid artifact path "${raw}": ${why}`);
  };
  if (raw.includes('\0')) refuse('it contains a NUL character.');
  if (raw.includes('\\')) refuse('use forward slashes.');
  if (raw.startsWith('/') || /^[a-zA-Z]:/.test(raw)) refuse('absolute paths are not allowed; give a path relative to the run\'s artifact root.');
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) refuse('".." is not allowed.');
  const path = segments.join('/');
  if (path === '' && !options.allowRoot) refuse('name a file.');
  return path;
}
