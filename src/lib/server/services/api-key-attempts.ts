import { authenticateApiKey } from './api-keys';
import type { Deps } from './deps';
import { authenticateOAuthToken } from './oauth-apps';
import { OAUTH_ACCESS_TOKEN_PREFIX } from './oauth-provider';
import type { Actor } from './users';

/** Wrong API keys one client address may send per `FAILED_KEY_WINDOW_MS` before its key attempts are refused. */
export const FAILED_KEY_ATTEMPTS = 20;
export const FAILED_KEY_WINDOW_MS = 15 * 60_000;

const FAILED_KEY_RULE = { limit: FAILED_KEY_ATTEMPTS, windowMs: FAILED_KEY_WINDOW_MS };

/** Bearer secrets are API keys (`atk_…`) or OAuth access tokens (`ato_…`); both are guessed alike. */
export type BearerKind = 'api_key' | 'oauth';

export type KeyAttempt =
  | { outcome: 'accepted'; actor: Actor; kind: BearerKind }
  | { outcome: 'refused'; kind: BearerKind }
  | { outcome: 'throttled'; retryAfterMs: number };

function bearerKind(secret: string | null): BearerKind {
  return secret?.startsWith(OAUTH_ACCESS_TOKEN_PREFIX) ? 'oauth' : 'api_key';
}

/**
 * Checks a bearer secret (API key or OAuth access token; null when the header held none), counting only
 * wrong ones per client address.
 * Once an address has sent `FAILED_KEY_ATTEMPTS` wrong keys in a window, its key attempts are refused
 * before any lookup until the window ends: right keys too, or guessing could go on between them. Callers
 * without an address (nothing came over the network) are not counted.
 */
export async function attemptApiKey(
  deps: Pick<Deps, 'db' | 'clock' | 'limiter'>,
  secret: string | null,
  ipAddress: string | null
): Promise<KeyAttempt> {
  const failures = ipAddress === null ? null : `api-key-failures:${ipAddress}`;
  if (failures) {
    const state = await deps.limiter.peek(failures, FAILED_KEY_RULE);
    if (!state.allowed) return { outcome: 'throttled', retryAfterMs: state.retryAfterMs };
  }
  const kind = bearerKind(secret);
  const authenticate = kind === 'oauth' ? authenticateOAuthToken : authenticateApiKey;
  const actor = secret ? await authenticate(deps, secret) : null;
  if (actor) return { outcome: 'accepted', actor, kind };
  if (failures) {
    const counted = await deps.limiter.consume(failures, FAILED_KEY_RULE);
    if (!counted.allowed) return { outcome: 'throttled', retryAfterMs: counted.retryAfterMs };
  }
  return { outcome: 'refused', kind };
}
