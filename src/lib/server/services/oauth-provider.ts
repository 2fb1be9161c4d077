import { mcp } from '@better-auth/mcp';
import type { RateLimiter, RateRule } from '../limits';
import { hashSecret } from './secret-hash';

/** What an app connected through OAuth may be granted; `admin` is for API keys only. */
export const OAUTH_GRANTABLE_SCOPES = ['read', 'generate'] as const;
/** Granted with the others, it gets the app a refresh token: it renews its hour-long access token itself. */
export const OAUTH_STAY_CONNECTED_SCOPE = 'offline_access';
/**
 * What a connector asks for. MCP's SEP-2207 would keep `offline_access` out of the resource's metadata and
 * its 401 (better-auth's MCP plugin filters it from `scopes_supported`), but the MCP SDK client (1.32) asks for
 * exactly the scopes it reads there; without it the provider issues no refresh token and the person signs in
 * again every hour.
 */
export const OAUTH_REQUESTED_SCOPES = [...OAUTH_GRANTABLE_SCOPES, OAUTH_STAY_CONNECTED_SCOPE];

/** Prefixes that tell Atelier's bearer secrets apart: `atk_` API keys, these OAuth tokens. */
export const OAUTH_ACCESS_TOKEN_PREFIX = 'ato_';
const OAUTH_REFRESH_TOKEN_PREFIX = 'atr_';

export const OAUTH_LOGIN_PAGE = '/sign-in';
export const OAUTH_CONSENT_PAGE = '/oauth/consent';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The protected resource OAuth tokens are issued for: `/mcp` at the studio's public origin. OAuth needs
 * https there (plain http only on a loopback address), so an instance served over plain http on a LAN has
 * none and its agents use API keys.
 */
export function mcpResourceOf(origin: string): string | null {
  const url = new URL(origin);
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname) ? `${url.origin}/mcp` : null;
}

/**
 * The `WWW-Authenticate` of a 401 from `/mcp`: where the client learns how to sign in (RFC 9728) and which
 * scopes to ask for, and `invalid_token` when it sent a token that no longer works (RFC 6750). Plain `Bearer`
 * without OAuth.
 */
export function mcpChallenge(resource: string | null, tokenRefused: boolean): string {
  if (!resource) return 'Bearer';
  const { origin, pathname } = new URL(resource);
  const hints = `resource_metadata="${origin}/.well-known/oauth-protected-resource${pathname}", scope="${OAUTH_REQUESTED_SCOPES.join(' ')}"`;
  return tokenRefused ? `Bearer error="invalid_token", ${hints}` : `Bearer ${hints}`;
}

/**
 * Registration is open (any connector may register itself), so each address may register this many apps an
 * hour: enough for a person trying clients, too few to fill the table.
 */
export const OAUTH_REGISTRATIONS_PER_HOUR = 30;
const REGISTRATION_RULE: RateRule = { limit: OAUTH_REGISTRATIONS_PER_HOUR, windowMs: 60 * 60_000 };

/** Counts one registration from `ip`; the wait in ms when the address has registered too many apps. */
export async function countRegistration(deps: { limiter: RateLimiter }, ip: string | null): Promise<number | null> {
  if (!ip) return null;
  const decision = await deps.limiter.consume(`oauth-register:${ip}`, REGISTRATION_RULE);
  return decision.allowed ? null : decision.retryAfterMs;
}

const LOOPBACK_REDIRECT_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isNativeRedirect(uri: unknown): boolean {
  if (typeof uri !== 'string' || !URL.canParse(uri)) return false;
  const url = new URL(uri);
  if (url.protocol === 'http:') return LOOPBACK_REDIRECT_HOSTS.has(url.hostname);
  return url.protocol !== 'https:';
}

/**
 * A registration (RFC 7591) from a desktop MCP client (Claude Code, VS Code, Cursor) names a loopback or
 * private-use redirect URI but no `application_type`, which better-auth then takes for `web` and refuses
 * (web clients need https). Such redirect URIs are what native apps use (RFC 8252), so the body is given
 * `application_type: "native"`; null when nothing needs adding.
 */
export function withNativeApplicationType(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null || 'application_type' in body) return null;
  const uris: unknown = Reflect.get(body, 'redirect_uris');
  if (!Array.isArray(uris) || uris.length === 0 || !uris.every(isNativeRedirect)) return null;
  return { ...body, application_type: 'native' };
}

/**
 * better-auth's OAuth 2.1 provider as its MCP preset: dynamic client registration, authorization code with
 * PKCE (S256), the studio's sign-in and consent pages, and the discovery documents. Access tokens are
 * opaque and stored hashed like API keys, so a revocation in the database ends them on the next request.
 */
export function oauthPlugin(resource: string) {
  return mcp({
    resource,
    loginPage: OAUTH_LOGIN_PAGE,
    consentPage: OAUTH_CONSENT_PAGE,
    scopes: OAUTH_REQUESTED_SCOPES,
    // Every token acts for a person who allowed it; no client_credentials tokens without a user.
    grantTypes: ['authorization_code', 'refresh_token'],
    disableJwtPlugin: true,
    allowDynamicClientRegistration: true,
    allowUnauthenticatedClientRegistration: true,
    storeTokens: { hash: (token) => hashSecret(token) },
    prefix: { opaqueAccessToken: OAUTH_ACCESS_TOKEN_PREFIX, refreshToken: OAUTH_REFRESH_TOKEN_PREFIX }
  });
}
