import { usageError } from '../usage-error';

/** A value as typed: JSON when it parses (numbers, booleans, lists, objects), a plain string otherwise. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * `--param k=v` pairs as a params object. Dotted keys nest (`train.args.repeats=3`), so a
 * flow with nested params needs no JSON on the command line.
 */
export function paramsFromPairs(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--param takes KEY=VALUE, e.g. --param repeats=10; "${pair}" has no "=".`);
    const path = pair.slice(0, eq).split('.');
    if (path.some((part) => part === '' || part === '__proto__' || part === 'constructor' || part === 'prototype')) {
      throw usageError(`--param key "${pair.slice(0, eq)}" is not a usable name.`);
    }
    let node = params;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (next !== undefined && (typeof next !== 'object' || next === null || Array.isArray(next))) {
        throw usageError(`--param ${pair}: "${part}" was already given a value, so it cannot also hold keys.`);
      }
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[path.at(-1)!] = parseValue(pair.slice(eq + 1));
  }
  return params;
}
