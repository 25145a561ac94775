import crypto from 'node:crypto';

/**
 * Feeds a value to a hash so that equal values hash equally whatever their key order:
 * object keys are sorted, typed arrays are hashed by their bytes. Each value is prefixed
 * with its kind so that, say, "1" and 1 differ.
 */
function feed(hash: crypto.Hash, value: unknown): void {
  if (value === null || value === undefined) return void hash.update(value === null ? 'n;' : 'u;');
  if (ArrayBuffer.isView(value)) {
    hash.update(`b${value.constructor.name}:${value.byteLength};`);
    return void hash.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  if (Array.isArray(value)) {
    hash.update(`a${value.length}[`);
    for (const item of value) feed(hash, item);
    return void hash.update(']');
  }
  if (value instanceof Date) return void hash.update(`d${value.toISOString()};`);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(`o${entries.length}{`);
    for (const [key, item] of entries) {
      hash.update(`${JSON.stringify(key)}:`);
      feed(hash, item);
    }
    return void hash.update('}');
  }
  hash.update(`${typeof value}:${String(value)};`);
}

/** The results-cache key of a task call: its name, its version and its input. */
export function cacheKeyOf(taskName: string, taskVersion: string, input: unknown): string {
  const hash = crypto.createHash('sha256');
  hash.update(`${taskName}\0${taskVersion}\0`);
  feed(hash, input);
  return hash.digest('hex');
}
