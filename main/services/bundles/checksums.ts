import { AppError } from '../../core/app-error';
import { sha256Hex } from '../registry/canonical-json';

/**
 * checksums.sha256 in the format `sha256sum` writes and `sha256sum -c` checks:
 * one `<hex>  <path>` line per file, so anyone can verify a bundle without NeuroOps.
 */
export function formatChecksums(files: ReadonlyMap<string, Buffer>): string {
  return [...files.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, data]) => `${sha256Hex(data)}  ${name}\n`)
    .join('');
}

export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ''));
    if (!match) throw new AppError('INVALID_BUNDLE', `checksums.sha256 line ${index + 1} is not "<sha256>  <file>"; the bundle is damaged.`);
    sums.set(match[2]!, match[1]!);
  }
  return sums;
}

/**
 * Every file but the checksum list itself must be listed and match, and every listed
 * file must be there: a bundle with a changed, missing or extra file is refused.
 */
export function verifyChecksums(sums: ReadonlyMap<string, string>, files: ReadonlyMap<string, Buffer>): void {
  for (const [name, data] of files) {
    const expected = sums.get(name);
    if (!expected) throw new AppError('INVALID_BUNDLE', `The bundle holds "${name}", which checksums.sha256 does not list; it is not a NeuroOps bundle or it was altered.`);
    if (sha256Hex(data) !== expected) {
      throw new AppError('CHECKSUM_MISMATCH', `"${name}" does not match its checksum: the bundle was damaged or modified after export. Export it again from the original.`);
    }
  }
  for (const name of sums.keys()) {
    if (!files.has(name)) throw new AppError('INVALID_BUNDLE', `checksums.sha256 lists "${name}", but the bundle does not hold it; the bundle is incomplete.`);
  }
}
