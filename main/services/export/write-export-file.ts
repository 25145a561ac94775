import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/app-error';

const WRITE_SIZE = 64 * 1024;

/** Why a write to a chosen file failed, in words a researcher can act on. */
function writeError(error: unknown, target: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('PERMISSION_DENIED', `Cannot write ${target}: the folder is not writable. Choose another folder.`);
  }
  if (code === 'EISDIR') return new AppError('INVALID_PARAMETER_VALUE', `${target} is a folder: choose a file name.`);
  return error;
}

/**
 * Writes an export (results, the audit log) to a file the user chose, whole or not at all:
 * the text goes to a temporary file beside the target, which is renamed into place once
 * complete, so a failure never leaves a half-written export. Returns the absolute path and
 * the byte count.
 */
export async function writeExportFile(target: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<{ path: string; bytes: number }> {
  const file = path.resolve(target);
  const folder = path.dirname(file);
  if (!fs.existsSync(folder)) throw new AppError('RESOURCE_DOES_NOT_EXIST', `The folder ${folder} does not exist. Choose an existing folder.`);
  if (!fs.statSync(folder).isDirectory()) throw new AppError('INVALID_PARAMETER_VALUE', `${folder} is a file, not a folder. Choose a folder to write ${path.basename(file)} into.`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new AppError('INVALID_PARAMETER_VALUE', `${file} is a folder: choose a file name.`);
  const tmp = `${file}.${crypto.randomUUID()}.part`;
  let handle: fs.promises.FileHandle | null = null;
  let bytes = 0;
  try {
    handle = await fs.promises.open(tmp, 'wx');
    // The audit log comes a line at a time: one write per line would cost a system call
    // each (seconds for 100,000 records), so lines are gathered into writes of about 64 KiB.
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async (to: fs.promises.FileHandle): Promise<void> => {
      const data = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingLength = 0;
      await to.write(data);
      bytes += data.length;
    };
    for await (const chunk of chunks) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= WRITE_SIZE) await flush(handle);
    }
    if (pendingLength > 0) await flush(handle);
    await handle.close();
    handle = null;
    await fs.promises.rename(tmp, file);
    return { path: file, bytes };
  } catch (error) {
    throw writeError(error, file);
  } finally {
    await handle?.close().catch(() => undefined);
    fs.rmSync(tmp, { force: true });
  }
}
