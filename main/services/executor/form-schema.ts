import { z } from 'zod';

/** A params schema as forms read it: JSON Schema of its input, and what `{}` parses to (null when something is required). */
export function formSchema(type: z.ZodType): { schema: unknown; defaults: unknown } {
  const defaults = type.safeParse({});
  return { schema: z.toJSONSchema(type, { unrepresentable: 'any', io: 'input' }), defaults: defaults.success ? defaults.data : null };
}
