import path from 'node:path';
import { checkToken } from '../../app/access/tokens';
import { checkUserName } from '../../app/access/users-file';
import { readCount, readTagLimit, type ExecutorOverrides } from '../../services/executor/executor-settings';
import { usageError } from '../usage-error';

/**
 * `--workers N` and `--tag-limit TAG=N`: unlike the environment variables, which are
 * reported and skipped when malformed, a flag was typed just now, so a bad one stops
 * `serve` before anything starts.
 */
export function executorOverridesFromFlags(workers: string | undefined, tagLimits: string[] = []): ExecutorOverrides {
  const overrides: ExecutorOverrides = {};
  if (workers !== undefined) {
    overrides.poolSize = readCount(workers);
    if (overrides.poolSize === undefined) throw usageError(`--workers must be a whole number of at least 1, e.g. --workers 4; not "${workers}".`);
  }
  if (tagLimits.length > 0) {
    const limits: Record<string, number> = {};
    for (const entry of tagLimits) {
      const parsed = readTagLimit(entry);
      if (!parsed) throw usageError(`--tag-limit takes TAG=N with N a whole number of at least 1, e.g. --tag-limit gpu=1; not "${entry}".`);
      const [tag, limit] = parsed;
      if (tag in limits) throw usageError(`--tag-limit gives tag "${tag}" twice (${limits[tag]} and ${limit}); give each tag once.`);
      limits[tag] = limit;
    }
    overrides.tagLimits = limits;
  }
  return overrides;
}

/**
 * `--token` (else a non-empty $NEUROOPS_TOKEN), `--user-name` and `--users`. A token given
 * but blank or short is refused here, before the data folder is touched.
 */
export function accessFromFlags(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): { token?: string; userName?: string; usersFile?: string } {
  const flag = values.token as string | undefined;
  const token = flag ?? (env.NEUROOPS_TOKEN === '' ? undefined : env.NEUROOPS_TOKEN);
  if (token !== undefined) checkToken(token, flag !== undefined ? '--token' : '$NEUROOPS_TOKEN');
  const userName = values['user-name'] as string | undefined;
  if (userName !== undefined) {
    if (token === undefined) throw usageError('--user-name names the holder of --token; pass --token too (or use --users FILE for several people).');
    checkUserName(userName);
  }
  const usersFile = values.users as string | undefined;
  return { token, userName, usersFile: usersFile === undefined ? undefined : path.resolve(usersFile) };
}
