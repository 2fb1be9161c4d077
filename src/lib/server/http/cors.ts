/**
 * CORS for the doors browser-based MCP clients (the Inspector's web UI, web connectors) call from their own
 * origin: `/mcp`, the OAuth discovery documents and the OAuth endpoints a client calls itself. None of them
 * acts on the studio's cookie cross-site (`/mcp` refuses cookie calls from other origins; the OAuth endpoints
 * take codes and client credentials), so no Allow-Credentials is sent and `*` is a safe default.
 */
const CORS_PATHS = ['/mcp', '/.well-known/'];
/** better-auth's OAuth endpoints that clients call directly (not the browser-facing authorize/consent). */
export const OAUTH_CLIENT_ENDPOINTS = [
  '/api/auth/oauth2/register',
  '/api/auth/oauth2/token',
  '/api/auth/oauth2/revoke'
];

const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id';
const EXPOSED_HEADERS =
  'mcp-session-id, mcp-protocol-version, www-authenticate, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export type CorsOrigins = '*' | readonly string[];

export function isCorsPath(pathname: string): boolean {
  return (
    CORS_PATHS.some((path) => pathname === path || (path.endsWith('/') && pathname.startsWith(path))) ||
    OAUTH_CLIENT_ENDPOINTS.includes(pathname)
  );
}

/** The request's Origin when it may read the answer; null without one or from an origin not allowed. */
function allowedOrigin(request: Request, allowed: CorsOrigins): string | null {
  const origin = request.headers.get('origin');
  if (!origin) return null;
  return allowed === '*' || allowed.includes(origin) ? origin : null;
}

/** `OPTIONS` on a CORS path: 204 with what may be sent, or 403 for an origin that is not allowed. */
export function preflightResponse(request: Request, allowed: CorsOrigins): Response {
  const origin = allowedOrigin(request, allowed);
  if (!origin) return new Response(null, { status: 403, headers: { vary: 'Origin' } });
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
      vary: 'Origin'
    }
  });
}

/** The answer readable by an allowed origin, with the MCP and auth headers a client needs exposed. */
export function withCorsHeaders(response: Response, request: Request, allowed: CorsOrigins): Response {
  const origin = allowedOrigin(request, allowed);
  const shared = new Response(response.body, response);
  shared.headers.append('vary', 'Origin');
  if (!origin) return shared;
  shared.headers.set('access-control-allow-origin', origin);
  shared.headers.set('access-control-expose-headers', EXPOSED_HEADERS);
  return shared;
}
