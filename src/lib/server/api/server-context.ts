import { randomUUID } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { loadConfig } from '../config';
import { refreshCatalogs } from '../providers/configured';
import { attemptApiKey } from '../services/api-key-attempts';
import { bootstrapAdmin, findStdioUser, offerFirstRunSetup } from '../services/accounts';
import { CLIENT_IP_HEADER } from '../services/auth';
import { createDeps, type Deps, type OwnedDeps } from '../services/deps';
import { withHousekeeping } from '../services/housekeeping';
import { loadActor, type Actor } from '../services/users';
import { clientIp, requestProtocol, withSecureCookies } from './client-request';
import type { ClientRequestEvent } from './client-signal';
import type { ApiContext, AuthMethod } from './context';
import { withBufferedBody } from './http-limits';
import { toErrorBody } from './middlewares/error-mapping';
import { createCaller, type ApiCaller } from './root';

let state: Promise<OwnedDeps> | undefined;

/** The process-wide dependencies, built once (config parsed, database opened and migrated, headless admin created). */
export function startServer(): Promise<OwnedDeps> {
  state ??= (async () => {
    const deps = withHousekeeping(await createDeps(loadConfig()));
    await bootstrapAdmin(deps);
    // In the background: the studio serves at once with the built-in catalog.
    void refreshCatalogs(deps.providers.list(), deps.log);
    return deps;
  })();
  return state;
}

/** The HTTP server's start: on an instance without an admin, it also logs a fresh one-time setup link. */
export async function startHttpServer(): Promise<void> {
  await offerFirstRunSetup(await startServer());
}

export async function stopServer(): Promise<void> {
  const current = state;
  state = undefined;
  if (current) await (await current).close();
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookies ride along on cross-site requests; a state-changing one must come from the studio's own origins. */
function isSameOrigin(request: Request, origins: string[]): boolean {
  const origin = request.headers.get('origin');
  return origin !== null && origins.includes(origin);
}

/**
 * The context of one HTTP request: an API key (`Authorization: Bearer atk_…`) or the studio's session
 * cookie. A bad key is never silently downgraded to the cookie: the request fails as `unauthorized`
 * (`rate_limited` once its address has sent too many wrong keys).
 */
export async function contextFromRequest(deps: Deps, request: Request, ipAddress: string | null): Promise<ApiContext> {
  const base = { deps, requestId: randomUUID(), ipAddress, responseHeaders: new Headers() };
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const secret = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? null;
    const attempt = await attemptApiKey(deps, secret, ipAddress);
    if (attempt.outcome === 'accepted') return { ...base, user: attempt.actor, authMethod: 'api_key' };
    if (attempt.outcome === 'refused') return { ...base, user: null, authMethod: null, authRefusal: 'invalid_api_key' };
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

/** MCP over stdio acts as `ATELIER_USER` (default: the first admin): the local OS already trusts the caller. */
export async function createStdioContext(): Promise<ApiContext> {
  const deps = await startServer();
  return {
    deps,
    user: await findStdioUser(deps),
    authMethod: 'stdio',
    requestId: randomUUID(),
    ipAddress: null,
    responseHeaders: new Headers()
  };
}

/** A caller acting as `user` without an HTTP request: the CLI, benchmarks and tests (the process is trusted). */
export function createActorCaller(
  deps: Deps,
  user: Actor,
  options: { authMethod?: AuthMethod; requestId?: string; signal?: AbortSignal } = {}
): ApiCaller {
  return createCaller(
    {
      deps,
      user,
      authMethod: options.authMethod ?? 'internal',
      requestId: options.requestId ?? randomUUID(),
      ipAddress: null,
      responseHeaders: new Headers()
    },
    { signal: options.signal }
  );
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

/**
 * One request to better-auth's endpoints (`/api/auth/*`), with the client's address in `CLIENT_IP_HEADER`
 * (a client cannot set it) and `Secure` cookies when the browser used https.
 */
export async function answerAuthRequest(
  deps: Pick<Deps, 'auth' | 'config'>,
  request: Request,
  connectionAddress: string | null
): Promise<Response> {
  // Read here first: better-auth answers a body over the size limit with an empty 500.
  let buffered: Request;
  try {
    buffered = await withBufferedBody(request);
  } catch (error) {
    const body = toErrorBody(error);
    return json(body, { status: body.code });
  }
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  const ip = clientIp(request, connectionAddress, deps.config.auth);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  const response = await deps.auth.handler(new Request(buffered, { headers }));
  return requestProtocol(request, deps.config) === 'https:' ? withSecureCookies(response) : response;
}

export async function handleAuthRequest(event: HttpEvent): Promise<Response> {
  return answerAuthRequest(await startServer(), event.request, clientAddress(event));
}
