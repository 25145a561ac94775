import type { CliContext } from './command';
import { usageError } from './usage-error';

/** A `--NAME N` option that takes a whole number from 1 to `max`, `fallback` when absent. */
export function countOption(ctx: CliContext, name: string, fallback: number, max: number): number {
  const text = ctx.values[name] as string | undefined;
  if (text === undefined) return fallback;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > max) throw usageError(`--${name} must be a whole number from 1 to ${max}, not "${text}".`);
  return count;
}
