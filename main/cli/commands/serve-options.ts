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
