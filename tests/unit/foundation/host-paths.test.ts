import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { procedures } from '../../../main/contract';

/** Input fields that name something on the host's disk, by the names the contract uses for them. */
const PATH_FIELD = /^(path|file|dir|folder|directory)$|(Path|File|Dir|Folder)$/;

/** Procedures whose `path` is inside a run's artifacts or a model's files, never on the host's disk. */
const PATHS_INSIDE_THE_STORE = new Set(['tracking.listArtifacts', 'tracking.readArtifact', 'registry.createVersion']);

function isText(schema: unknown): boolean {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap();
  return inner instanceof z.ZodString;
}

/** The names of an input's text fields. */
function textFieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  return Object.keys(shape).filter((key) => isText(shape[key]));
}

describe('procedures that take host paths', () => {
  it('are declared with hostPaths, so the dispatcher refuses them over HTTP', () => {
    const undeclared = Object.entries(procedures)
      .filter(([name, def]) => !def.hostPaths && !PATHS_INSIDE_THE_STORE.has(name) && textFieldsOf(def.input).some((f) => PATH_FIELD.test(f)))
      .map(([name]) => name);
    expect(undeclared).toEqual([]);
  });

  it('say what an HTTP client uses instead', () => {
    const declared = Object.entries(procedures).filter(([, def]) => def.hostPaths);
    expect(declared.map(([name]) => name).sort()).toEqual(expect.arrayContaining(['bundles.export', 'bundles.import']));
    // An HTTP route, or the CLI command that does the same where the data is.
    for (const [, def] of declared) expect(def.overHttp).toMatch(/\/api\/|`neuroops /);
  });
});
