import { createHash } from 'node:crypto';

/** How bearer secrets (API keys, OAuth tokens) are stored: a SHA-256, so a leaked table grants nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
