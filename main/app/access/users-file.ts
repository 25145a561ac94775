import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import { generateToken, hashToken } from './tokens';

/** One named user of a shared server: the name the audit records, and the hash of their token. */
export interface UserEntry {
  name: string;
  tokenHash: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const HASH = /^sha256:[0-9a-f]{64}$/;

export function checkUserName(name: string): string {
  if (!NAME.test(name)) {
    throw new AppError(
      'INVALID_PARAMETER_VALUE',
      `"${name}" cannot be a user name: use 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.`,
    );
  }
  return name;
}

/**
 * The users file: one user per line, `NAME sha256:HEX`; blank lines and lines starting
 * with # are ignored. A malformed line stops the server rather than locking a user out
 * silently.
 */
export function parseUsersFile(text: string, file: string): UserEntry[] {
  const users: UserEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file}, line ${index + 1}`;
    const [name = '', hash = '', ...extra] = line.split(/\s+/);
    if (extra.length > 0 || !NAME.test(name) || !HASH.test(hash)) {
      throw new AppError('INVALID_PARAMETER_VALUE', `${where}: expected "NAME sha256:HEX" (64 hex digits). Add users with "neuroops users add NAME --users ${file}".`);
    }
    if (users.some((u) => u.name === name)) throw new AppError('INVALID_PARAMETER_VALUE', `${where}: user "${name}" is listed twice; keep one line per user.`);
    if (users.some((u) => u.tokenHash === hash)) throw new AppError('INVALID_PARAMETER_VALUE', `${where}: "${name}" has the same token as another user; give each user their own.`);
    users.push({ name, tokenHash: hash });
  });
  return users;
}

export function readUsersFile(file: string): UserEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    throw new AppError('INVALID_PARAMETER_VALUE', `The users file ${file} ${why}. Create it with "neuroops users add NAME --users ${file}".`);
  }
  return parseUsersFile(text, file);
}

/** Adds a user with a new token and answers the token: it is shown once, only its hash is kept. */
export function addUser(file: string, name: string): string {
  checkUserName(name);
  const users = fs.existsSync(file) ? readUsersFile(file) : [];
  if (users.some((u) => u.name === name)) {
    throw new AppError('RESOURCE_ALREADY_EXISTS', `${file} already has a user "${name}"; remove that line to give them a new token.`);
  }
  const token = generateToken();
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# NeuroOps users: NAME sha256:HEX per line. Add with "neuroops users add NAME --users FILE".\n';
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  // Only the owner may read the hashes; written whole then renamed, so a server never reads half a file.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${before}${separator}${name} ${hashToken(token)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return token;
}
