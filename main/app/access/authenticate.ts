import fs from 'node:fs';
import type { Authenticate } from '../../transport/http-auth';
import { hashToken, sameHash } from './tokens';
import { readUsersFile, type UserEntry } from './users-file';

export interface AccessOptions {
  /** The single token of a one-person server. */
  token?: string;
  /** The name that single token acts as (default: the server's OS user, as the services assume). */
  userName?: string;
  /** A users file: each named user has their own token. */
  usersFile?: string;
}

/**
 * Who a presented token belongs to. The users file is read again when it changes, so a
 * user added with `neuroops users add` can sign in without restarting the server.
 */
export function createAuthenticator(options: AccessOptions): Authenticate | undefined {
  const { token, userName, usersFile } = options;
  if (!token && !usersFile) return undefined;
  let users: UserEntry[] = usersFile ? readUsersFile(usersFile) : [];
  let seen = usersFile ? fs.statSync(usersFile).mtimeMs : 0;
  const current = (): UserEntry[] => {
    if (!usersFile) return users;
    try {
      const mtime = fs.statSync(usersFile).mtimeMs;
      if (mtime === seen) return users;
      seen = mtime;
      users = readUsersFile(usersFile);
    } catch (error) {
      // A file being edited may be briefly malformed: keep the users read last until it changes again.
      console.error(`users file not reloaded: ${(error as Error).message}`);
    }
    return users;
  };
  const tokenHash = token ? hashToken(token) : undefined;
  return (given) => {
    if (given === undefined) return null;
    const hash = hashToken(given);
    // Every entry is compared, so the time taken does not say which one matched.
    let found: { user?: string } | null = null;
    if (tokenHash && sameHash(tokenHash, hash)) found = userName ? { user: userName } : {};
    for (const user of current()) if (sameHash(user.tokenHash, hash)) found = { user: user.name };
    return found;
  };
}
