import { z } from 'zod';
import { AppError } from '../errors';

/**
 * A GET request's query string as a procedure's input object: each field of `schema` read by its name,
 * `true`/`false` for booleans and whole numbers for numbers; other parameters are ignored. Zod then checks
 * the values, so the REST door refuses exactly what tRPC refuses.
 */
export function queryInput<Shape extends z.ZodRawShape>(
  url: URL,
  schema: z.ZodObject<Shape>
): z.output<z.ZodObject<Shape>> {
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') continue;
    const value = paramValue(field, raw);
    if (value === undefined)
      throw new AppError('validation', `${name} must be ${EXPECTED[baseType(field)]}, got "${raw}".`);
    input[name] = value;
  }
  return schema.parse(input);
}

const EXPECTED: Record<string, string> = { boolean: 'true or false', number: 'a whole number' };

/**
 * One query parameter as the value `field` takes: `true`/`false` (or `1`/`0`) for a boolean, digits for a
 * number, the text itself otherwise; undefined when it cannot be one.
 */
export function paramValue(field: z.core.$ZodType, raw: string): unknown {
  const type = baseType(field);
  if (type === 'boolean')
    return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : undefined;
  if (type === 'number') return /^\d+$/.test(raw) ? Number(raw) : undefined;
  return raw;
}

function baseType(field: z.core.$ZodType): string {
  let current = field;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.def.innerType;
  return current._zod.def.type;
}
