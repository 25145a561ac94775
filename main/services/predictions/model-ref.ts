/**
 * Which model version a prediction uses. `NAME` means the version holding NAME's
 * production alias, `NAME@alias` another alias, `NAME/version` a version by
 * number; nothing means the production model (the one model with a production
 * version, or the default name's when several have one).
 */
import { DEFAULT_REGISTERED_NAME } from '../../contract/training-constants';
import { AppError } from '../../core/app-error';
import type { RegistryService } from '../registry/registry-service';
import { PRODUCTION_ALIAS, type ModelVersion } from '../registry/types';

export interface ModelRef {
  name: string;
  /** An alias, or a version number. */
  ref: string | number;
}

export interface ResolvedModel {
  version: ModelVersion;
  /** The alias it was asked by (production for a bare name), null for a version number. */
  alias: string | null;
}

const HOW_TO_GET_ONE =
  'Train one (`neuroops train`, or Train a model on the Models page) and promote a version to production ' +
  '(`neuroops models promote NAME VERSION --reason "why"`, or Promote on the Models page), or name a version with --model NAME/VERSION.';

export function parseModelRef(text: string): ModelRef {
  const slash = /^(.+)\/(\d+)$/.exec(text);
  if (slash) return { name: slash[1]!, ref: Number(slash[2]) };
  const at = text.lastIndexOf('@');
  if (at > 0) {
    const alias = text.slice(at + 1);
    if (!alias) throw new AppError('INVALID_PARAMETER_VALUE', `"${text}" names no alias after "@"; write NAME, NAME@alias or NAME/version.`);
    return { name: text.slice(0, at), ref: alias };
  }
  return { name: text, ref: PRODUCTION_ALIAS };
}

function productionNames(registry: RegistryService): string[] {
  return registry
    .searchModels({ maxResults: 1000 })
    .items.filter((m) => m.aliases.some((a) => a.alias === PRODUCTION_ALIAS))
    .map((m) => m.name);
}

function defaultRef(registry: RegistryService): ModelRef {
  const names = productionNames(registry);
  if (names.length === 0) throw new AppError('NO_PRODUCTION_MODEL', `No model is in production yet, so there is nothing to predict with by default. ${HOW_TO_GET_ONE}`);
  if (names.length === 1) return { name: names[0]!, ref: PRODUCTION_ALIAS };
  if (names.includes(DEFAULT_REGISTERED_NAME)) return { name: DEFAULT_REGISTERED_NAME, ref: PRODUCTION_ALIAS };
  throw new AppError('INVALID_PARAMETER_VALUE', `Several models have a production version (${names.join(', ')}); name the one to use with --model NAME.`);
}

export function resolveModel(registry: RegistryService, text: string | undefined): ResolvedModel {
  const ref = text === undefined ? defaultRef(registry) : parseModelRef(text);
  try {
    registry.getModel(ref.name);
  } catch {
    throw new AppError('RESOURCE_DOES_NOT_EXIST', `No registered model is named "${ref.name}". ${HOW_TO_GET_ONE}`);
  }
  if (typeof ref.ref === 'number') return { version: registry.getVersion(ref.name, ref.ref), alias: null };
  try {
    return { version: registry.getVersionByAlias(ref.name, ref.ref), alias: ref.ref };
  } catch {
    if (ref.ref === PRODUCTION_ALIAS) {
      throw new AppError('NO_PRODUCTION_MODEL', `Model "${ref.name}" has no version in production yet. ${HOW_TO_GET_ONE}`);
    }
    throw new AppError('RESOURCE_DOES_NOT_EXIST', `Model "${ref.name}" has no alias "${ref.ref}".`);
  }
}
