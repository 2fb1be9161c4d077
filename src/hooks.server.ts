import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { startHttpServer, startServer, stopServer } from '$lib/server/app';
import { handleAuthRequest } from '$lib/server/http/auth-endpoint';
import { crossSiteFormRefusal, isCrossSiteForm } from '$lib/server/http/cross-site-forms';
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

/** Kit's CSRF check, except for requests with an API key (svelte.config.js, `kit.csrf`). */
const refuseCrossSiteForms: Handle = async ({ event, resolve }) => {
  const { config } = await startServer();
  const origins = [event.url.origin, ...config.auth.origins];
  return isCrossSiteForm(event.request, origins) ? crossSiteFormRefusal(event.request.method) : resolve(event);
};

/** better-auth answers its own endpoints (sign-up, sign-in, sign-out, session) under /api/auth. */
const authEndpoints: Handle = ({ event, resolve }) =>
  event.url.pathname.startsWith('/api/auth/') ? handleAuthRequest(event) : resolve(event);

export const handle = sequence(securityHeaders, refuseCrossSiteForms, authEndpoints);
