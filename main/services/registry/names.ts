import { invalid } from '../../core/app-error';

/**
 * Name rules, as MLflow's server enforces them, so a model registered here can always be
 * synced to a remote MLflow.
 */

const ALIAS_SYNTAX = /^[\p{L}\p{N}_-]*$/u;
const RESERVED_VERSION_ALIAS = /^v\d+$/i;
export const MAX_ALIAS_LENGTH = 255;
export const MAX_MODEL_NAME_LENGTH = 256;

export function checkModelName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid('Registered model name cannot be empty: send a non-empty name.');
  if (name.length > MAX_MODEL_NAME_LENGTH) {
    throw invalid(`Registered model name is ${name.length} characters; the limit is ${MAX_MODEL_NAME_LENGTH}.`);
  }
  // A "/" would make the name ambiguous in models:/NAME/VERSION URIs.
  if (name.includes('/')) throw invalid(`Registered model name "${name}" contains "/"; use another separator such as "-" or ".".`);
  return name;
}

/** MLflow: `^[\w\-]*$`, at most 255 characters, and neither `latest` nor `v<digits>` (they name versions). */
export function checkAlias(alias: unknown): string {
  if (typeof alias !== 'string' || alias === '') throw invalid('An alias cannot be empty.');
  if (alias.length > MAX_ALIAS_LENGTH) throw invalid(`Alias "${alias.slice(0, 40)}…" is ${alias.length} characters; the limit is ${MAX_ALIAS_LENGTH}.`);
  if (!ALIAS_SYNTAX.test(alias)) {
    throw invalid(`Invalid alias "${alias}": aliases may contain only letters, digits, underscores and dashes.`);
  }
  if (alias.toLowerCase() === 'latest') throw invalid('"latest" is reserved (models:/NAME@latest means the newest version); choose another alias.');
  if (RESERVED_VERSION_ALIAS.test(alias)) {
    throw invalid(`"${alias}" is reserved: v<number> names a version. Choose an alias that does not look like a version.`);
  }
  return alias;
}

/** A version number from MLflow's string form ("3") or a number; positive integers only. */
export function parseVersion(version: unknown): number {
  const text = typeof version === 'number' ? String(version) : version;
  if (typeof text !== 'string' || !/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw invalid(`Version must be a positive integer such as "1"; got ${JSON.stringify(version)}.`);
  }
  return Number(text);
}
