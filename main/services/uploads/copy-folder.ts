import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/app-error';

/**
 * Copies a dataset folder's regular files into `target`. Links are refused rather than
 * followed: a link could bring in files from anywhere on the disk under the dataset's name.
 */
export async function copyDatasetFolder(source: string, target: string): Promise<void> {
  await fs.mkdir(target, { recursive: true });
  for (const entry of await fs.readdir(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isSymbolicLink()) throw new AppError('UNSAFE_PATH', `${from} is a link; copy the file it points to into the dataset instead.`);
    if (entry.isDirectory()) await copyDatasetFolder(from, to);
    else if (entry.isFile()) await fs.copyFile(from, to);
  }
}

/** Every regular file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) found.push(rel);
  }
  return found.sort();
}
