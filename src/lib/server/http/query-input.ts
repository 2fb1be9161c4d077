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
    input[name] = parseParam(name, raw, baseType(field));
  }
  return schema.parse(input);
}

function parseParam(name: string, raw: string, type: string): unknown {
  if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new AppError('validation', `${name} must be true or false, got "${raw}".`);
  }
  if (type === 'number') {
    if (/^\d+$/.test(raw)) return Number(raw);
    throw new AppError('validation', `${name} must be a whole number, got "${raw}".`);
  }
  return raw;
}

function baseType(field: z.core.$ZodType): string {
  let current = field;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.def.innerType;
  return current._zod.def.type;
}
