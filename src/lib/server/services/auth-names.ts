import { APIError } from 'better-auth/api';
import { AppError } from '../errors';
import { ZName } from './names';

/** better-auth's endpoints that take a display name. */
const PATHS_WITH_NAME = new Set(['/sign-up/email', '/update-user']);

/**
 * Refuses a display name that is empty, too long or holds control characters before better-auth writes
 * it, as a 400 in Atelier's error shape. Runs in better-auth's `before` hook.
 */
export function refuseBadDisplayName(path: string, body: unknown): void {
  if (!PATHS_WITH_NAME.has(path) || typeof body !== 'object' || body === null || !('name' in body)) return;
  const parsed = ZName.safeParse(body.name);
  if (parsed.success) return;
  const reasons = parsed.error.issues.map((issue) => issue.message).join(' ');
  // Our error shape, whose numeric `code` better-auth's type (a string code) does not foresee.
  const refusal: Record<string, unknown> = new AppError('validation', `name: ${reasons}`).toBody();
  throw new APIError('BAD_REQUEST', refusal);
}
