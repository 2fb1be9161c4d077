import { z } from 'zod';

const advertised = new WeakMap<z.ZodObject, z.ZodObject>();

/**
 * What the SDK lists and validates for a tool: an object that lets every argument through (the tool checks
 * them itself, see tool-input.ts, so every refusal is a structured error and aliases can be renamed first)
 * and whose JSON Schema, set as its metadata, is the tool's real schema made compact.
 */
export function advertisedSchema(schema: z.ZodObject): z.ZodObject {
  let loose = advertised.get(schema);
  if (!loose) {
    // `undefined` leaves out the keys the loose object's own JSON Schema would add.
    loose = z
      .looseObject({})
      .meta({ $schema: undefined, additionalProperties: undefined, ...compactJsonSchema(schema) });
    advertised.set(schema, loose);
  }
  return loose;
}

/**
 * The schema's JSON Schema without what costs an agent's context and tells it nothing: `$schema`, regex
 * patterns (the error message says the form), the bounds zod puts on every integer, string lengths other
 * than prose limits (a name's cap no one reaches, non-empty, a byte cap the error states in MB), defaults
 * that mean off (false, 0, []), and
 * alternatives folded: strings (dates) into one string, constants (2 or 4) into an enum. Unknown arguments
 * are refused all the same (the server instructions say so once).
 */
export function compactJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' });
  return compact(json) as Record<string, unknown>;
}

const PROSE_LIMITS = { min: 1_000, max: 100_000 };

const NOISE: Record<string, (value: unknown) => boolean> = {
  pattern: () => true,
  minimum: (value) => Math.abs(value as number) >= Number.MAX_SAFE_INTEGER,
  maximum: (value) => Math.abs(value as number) >= Number.MAX_SAFE_INTEGER,
  minLength: () => true,
  maxLength: (value) => (value as number) < PROSE_LIMITS.min || (value as number) > PROSE_LIMITS.max,
  maxItems: () => true,
  // Absent means off, none or nothing: saying so adds nothing.
  default: (value) => value === false || value === 0 || (Array.isArray(value) && value.length === 0)
};

function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key, value]) => !NOISE[key]?.(value));
  const result = Object.fromEntries(entries.map(([key, value]) => [key, compact(value)]));
  const options = result.anyOf as Array<{ type?: string; const?: unknown }> | undefined;
  if (options?.every((option) => option.type === 'string' && option.const === undefined)) {
    delete result.anyOf;
    result.type = 'string';
  } else if (options?.every((option) => option.const !== undefined && option.type === options[0]!.type)) {
    delete result.anyOf;
    Object.assign(result, { type: options[0]!.type, enum: options.map((option) => option.const) });
  }
  return result;
}
