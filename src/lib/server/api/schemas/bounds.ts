import { z } from 'zod';

/** A whole number in [min, max] whose every refusal (wrong type, too small, too big) names the field and the range. */
export function boundedInt(field: string, min: number, max: number) {
  const message = `${field} must be a whole number from ${min} to ${max}.`;
  return z.int({ error: message }).min(min, message).max(max, message);
}

/** A number in [min, max], refused with the field and the range. */
export function boundedNumber(field: string, min: number, max: number) {
  const message = `${field} must be a number from ${min} to ${max}.`;
  return z.number({ error: message }).min(min, message).max(max, message);
}

/** One of `values`, refused with the field and the list. */
export function oneOf<const Values extends readonly [string, ...string[]]>(field: string, values: Values) {
  return z.enum(values, { error: `${field} must be one of ${values.join(', ')}.` });
}

/** A non-empty, trimmed short name (a provider, model, quality or style id) of at most `max` characters. */
export function shortName(field: string, max: number) {
  return z
    .string({ error: `${field} must be a string.` })
    .trim()
    .min(1, `${field} must not be empty.`)
    .max(max, `${field} is at most ${max} characters.`);
}
