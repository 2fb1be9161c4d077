import { z } from 'zod';

/** Longest display name or API key name, in characters. */
export const MAX_NAME_LENGTH = 100;
/** The longest email address SMTP can deliver (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * Trimmed one-line text: no control characters at all, so no NUL (which PostgreSQL text cannot hold), no
 * line breaks, tabs or escapes. Stricter than `api/schemas/text.ts` (prompts may span lines), and here in
 * services because better-auth's hook checks display names too.
 */
export const ZPlainText = z
  .string()
  .trim()
  .regex(/^\P{Cc}*$/u, 'Remove control characters (line breaks, tabs, NUL).');

/** A display name or an API key name. */
export const ZName = ZPlainText.min(1, 'Enter a name.').max(
  MAX_NAME_LENGTH,
  `Names are limited to ${MAX_NAME_LENGTH} characters; shorten it.`
);
