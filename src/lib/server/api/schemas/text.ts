import { z } from 'zod';

/**
 * C0 control characters and DEL, except tab, line feed and carriage return. PostgreSQL text cannot hold
 * NUL at all, and none of the others belongs in a prompt or a name.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/**
 * A string without control characters: use `.check(noControlCharacters('Prompts'))` on any free-text field
 * that reaches the database, so such input is a `validation` error instead of a failed query.
 */
export function noControlCharacters(label: string) {
  return z.refine<string>((text) => !hasControlCharacters(text), {
    message: `${label} must not contain control characters (such as NUL, \\u0000); remove them and try again.`
  });
}
