import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { startHttpServer, startServer, stopServer } from '$lib/server/app';
import { handleAuthRequest } from '$lib/server/http/auth-endpoint';
import { clientAddress } from '$lib/server/http/context';
import { isCorsPath, OAUTH_CLIENT_ENDPOINTS, preflightResponse, withCorsHeaders } from '$lib/server/http/cors';
import { crossSiteFormRefusal, isCrossSiteForm } from '$lib/server/http/cross-site-forms';
import { answerWellKnown } from '$lib/server/http/oauth-discovery';
import { imageOriginOf, withSecurityHeaders } from '$lib/server/http/security-headers';

/** Parse the configuration and open (and migrate) the database before the first request, so bad settings stop start-up. */
export const init: ServerInit = async () => {
  await startHttpServer();
  // adapter-node emits this once HTTP is closed on SIGTERM/SIGINT; closing the database lets the process exit
  // (an open PGlite keeps the event loop alive) and releases the PGlite lock.
  process.once('sveltekit:shutdown', () => void stopServer());
};

/** nosniff, Referrer-Policy, Permissions-Policy and framing rules on every answer, whoever made it. */
const securityHeaders: Handle = async ({ event, resolve }) => {
  const { config } = await startServer();
  return withSecurityHeaders(await resolve(event), { imageOrigin: imageOriginOf(config.storage.publicBaseUrl) });
};

/** Browser-based MCP clients on other origins: preflights answered here, answers readable (MCP_CORS_ORIGINS). */
const cors: Handle = async ({ event, resolve }) => {
  if (!isCorsPath(event.url.pathname)) return resolve(event);
  const { config } = await startServer();
  if (event.request.method === 'OPTIONS') return preflightResponse(event.request, config.mcpCorsOrigins);
  return withCorsHeaders(await resolve(event), event.request, config.mcpCorsOrigins);
};

/**
 * Kit's CSRF check, except for requests with an API key (svelte.config.js, `kit.csrf`) and the OAuth endpoints
 * clients post forms to themselves (token, revocation), which take codes and client credentials, never the cookie.
 */
const refuseCrossSiteForms: Handle = async ({ event, resolve }) => {
  const { config } = await startServer();
  const origins = [event.url.origin, ...config.auth.origins];
  const refused = isCrossSiteForm(event.request, origins) && !OAUTH_CLIENT_ENDPOINTS.includes(event.url.pathname);
  return refused ? crossSiteFormRefusal(event.request.method) : resolve(event);
};

/**
 * better-auth answers its own endpoints (sign-up, sign-in, sign-out, session, OAuth) under /api/auth, and
 * the OAuth discovery documents under /.well-known.
 */
const authEndpoints: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/api/auth/')) return handleAuthRequest(event);
  if (event.url.pathname.startsWith('/.well-known/')) {
    return answerWellKnown(await startServer(), event.request, clientAddress(event));
  }
  return resolve(event);
};

export const handle = sequence(securityHeaders, cors, refuseCrossSiteForms, authEndpoints);
