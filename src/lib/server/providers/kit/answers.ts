import type { z } from 'zod';
import { malformedAnswerError, type Vendor } from '../errors';
import type { ProducedImage } from '../types';
import { sniffMediaType } from './download';

/** A 2xx body as JSON; anything else is an answer Atelier cannot read (after the vendor may have billed). */
export async function readJson(vendor: Vendor, response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformedAnswerError(vendor, `${what} is not JSON`, error);
  }
}

/** A 2xx body checked against the vendor's documented shape, naming the first field that differs. */
export function parseAnswer<T>(vendor: Vendor, schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
    throw malformedAnswerError(vendor, `${what} has an unexpected shape${where}`, parsed.error);
  }
  return parsed.data;
}

/** Image bytes sent inline as base64, which must be a PNG, JPEG or WebP file. */
export function decodeBase64Image(vendor: Vendor, base64: string, what: string): Omit<ProducedImage, 'seed'> {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw malformedAnswerError(vendor, `${what} is not a PNG, JPEG or WebP image`);
  return { bytes, mediaType };
}

/**
 * The vendor's own words from a refusal: `reasonOf` picks them out of the error body when it parses
 * against `schema`, else the start of the raw text. The text is returned for vendor-specific hints.
 */
export async function readRefusal<B>(
  response: Response,
  schema: z.ZodType<B>,
  reasonOf: (body: B) => string | undefined
): Promise<{ body: B | undefined; reason: string | undefined; text: string }> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const body = schema.safeParse(json).data;
  const reason = (body === undefined ? undefined : reasonOf(body)) ?? (text.trim().slice(0, 300) || undefined);
  return { body, reason, text };
}
