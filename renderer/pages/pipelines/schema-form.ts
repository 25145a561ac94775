/**
 * Form fields from a flow's params schema (the JSON Schema that zod's toJSONSchema makes):
 * numbers, strings, booleans and enums become inputs with their defaults and bounds;
 * `{fn, args}` objects are ml_pipeline's stage picks; anything else is edited as JSON.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  description?: string;
  anyOf?: JsonSchema[];
}

export type Field =
  | { key: string; kind: 'number'; integer: boolean; min?: number; max?: number; required: boolean; description?: string }
  | { key: string; kind: 'string'; required: boolean; description?: string }
  | { key: string; kind: 'boolean'; required: boolean; description?: string }
  | { key: string; kind: 'enum'; options: string[]; required: boolean; description?: string }
  | { key: string; kind: 'stage'; required: boolean; description?: string }
  | { key: string; kind: 'json'; required: boolean; description?: string };

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

/** Whether a property is a stage pick of ml_pipeline: `{fn: string, args: object}`. */
const isStage = (schema: JsonSchema): boolean => typeOf(schema) === 'object' && schema.properties?.fn !== undefined && schema.properties?.args !== undefined;

/** The enum of a property: `enum`, or a union of `const`s. */
function enumOf(schema: JsonSchema): string[] | null {
  if (schema.enum?.every((v) => typeof v === 'string')) return schema.enum as string[];
  if (schema.anyOf?.every((s) => typeof s.const === 'string')) return schema.anyOf.map((s) => s.const as string);
  return null;
}

export function fieldsOf(schema: JsonSchema): Field[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, prop]): Field => {
    const base = { key, required: required.has(key), description: prop.description };
    const options = enumOf(prop);
    if (options) return { ...base, kind: 'enum', options };
    if (isStage(prop)) return { ...base, kind: 'stage' };
    const type = typeOf(prop);
    if (type === 'integer' || type === 'number') return { ...base, kind: 'number', integer: type === 'integer', min: prop.minimum, max: prop.maximum };
    if (type === 'string') return { ...base, kind: 'string' };
    if (type === 'boolean') return { ...base, kind: 'boolean' };
    return { ...base, kind: 'json' };
  });
}

/** The values a form starts with: the schema's defaults, nothing for the rest. */
export function defaultsOf(schema: JsonSchema): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema.properties ?? {})) if (prop.default !== undefined) values[key] = prop.default;
  return values;
}

/** What a typed number box holds: a number, or undefined while it is empty (the flow's default applies). */
export function parseNumberInput(text: string): number | undefined {
  return text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text);
}

/** A bound the form can say before the server does, or null when the value is fine. */
export function numberProblem(field: Extract<Field, { kind: 'number' }>, value: unknown): string | null {
  if (value === undefined) return field.required ? 'Required.' : null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'A number.';
  if (field.integer && !Number.isInteger(value)) return 'A whole number.';
  if (field.min !== undefined && value < field.min) return `At least ${field.min}.`;
  if (field.max !== undefined && value > field.max) return `At most ${field.max}.`;
  return null;
}
