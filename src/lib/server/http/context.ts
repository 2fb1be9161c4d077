import { randomUUID } from 'node:crypto';
import { createCaller, type ApiCaller } from '../api/root';
import type { ApiContext } from '../api/context';
import { startServer } from '../app';
import { attemptApiKey } from '../services/api-key-attempts';
import type { Deps } from '../services/deps';
import { loadActor } from '../services/users';
import { clientIp } from './client-request';
import type { ClientRequestEvent } from './client-signal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookies ride along on cross-site requests; a state-changing one must come from the studio's own origins. */
export function isSameOrigin(request: Request, origins: readonly string[]): boolean {
  const origin = request.headers.get('origin');
  return origin !== null && origins.includes(origin);
}

/**
 * The context of one HTTP request: an API key (`Authorization: Bearer atk_…`), an OAuth access token an
 * app got through the consent page (`Bearer ato_…`, the same actor as a key with the granted scopes), or
 * the studio's session cookie. A bad key or token is never silently downgraded to the cookie: the request
 * fails as `unauthorized` (`rate_limited` once its address has sent too many wrong keys).
 */
export async function contextFromRequest(deps: Deps, request: Request, ipAddress: string | null): Promise<ApiContext> {
  const base = { deps, requestId: randomUUID(), ipAddress, responseHeaders: new Headers() };
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const secret = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? null;
    const attempt = await attemptApiKey(deps, secret, ipAddress);
    if (attempt.outcome === 'accepted') return { ...base, user: attempt.actor, authMethod: attempt.kind };
    if (attempt.outcome === 'refused') {
      const authRefusal = attempt.kind === 'oauth' ? 'invalid_oauth_token' : 'invalid_api_key';
      return { ...base, user: null, authMethod: null, authRefusal };
    }
    base.responseHeaders.set('retry-after', String(Math.ceil(attempt.retryAfterMs / 1000)));
    return {
      ...base,
      user: null,
      authMethod: null,
      authRefusal: 'api_key_throttled',
      authRetryAfterMs: attempt.retryAfterMs
    };
  }
  const session = await deps.auth.api.getSession({ headers: request.headers });
  if (!session) return { ...base, user: null, authMethod: null };
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request, deps.config.auth.origins)) {
    return { ...base, user: null, authMethod: null, authRefusal: 'cross_site' };
  }
  const user = await loadActor(deps, session.user.id);
  return { ...base, user, authMethod: user ? 'session' : null };
}

/** The parts of a SvelteKit `RequestEvent` that identify a caller and tell when it leaves. */
export type HttpEvent = ClientRequestEvent & { getClientAddress(): string };

export function clientAddress(event: HttpEvent): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}

export async function createEventContext(event: HttpEvent): Promise<ApiContext> {
  const deps = await startServer();
  return contextFromRequest(deps, event.request, clientIp(event.request, clientAddress(event), deps.config.auth));
}

/** A caller of every procedure as the sender of one HTTP request (pages, REST, MCP over HTTP). */
export async function createServerCaller(event: HttpEvent): Promise<ApiCaller> {
  return createCaller(await createEventContext(event));
}
