import { json } from '@sveltejs/kit';
import { AppError } from '../errors';
import type { Deps } from '../services/deps';
import { OAUTH_REQUESTED_SCOPES } from '../services/oauth-provider';
import { answerAuthRequest } from './auth-endpoint';

const AUTH_SERVER_METADATA = '/.well-known/oauth-authorization-server';
const PROTECTED_RESOURCE_METADATA = '/.well-known/oauth-protected-resource';

/** better-auth lists the resource's scopes without `offline_access`; `OAUTH_REQUESTED_SCOPES` says why it is added. */
async function withRequestedScopes(response: Response): Promise<Response> {
  const metadata: unknown = await response.json();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  const body = JSON.stringify({ ...(metadata as object), scopes_supported: OAUTH_REQUESTED_SCOPES });
  return new Response(body, { status: response.status, headers });
}

/**
 * `/.well-known/*`: better-auth's OAuth provider answers the protected-resource metadata (RFC 9728, at
 * `/.well-known/oauth-protected-resource` and `…/mcp`, listing every scope a connector should ask for) and
 * its authorization-server metadata (RFC 8414) at the issuer's path,
 * `/.well-known/oauth-authorization-server/api/auth`. Clients that only try the root path get the same
 * document there. Anything else is a JSON 404, not the studio's HTML error page.
 */
export async function answerWellKnown(
  deps: Pick<Deps, 'auth' | 'config'>,
  request: Request,
  connectionAddress: string | null
): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === AUTH_SERVER_METADATA) url.pathname = `${AUTH_SERVER_METADATA}/api/auth`;
  const response = await answerAuthRequest(deps, new Request(url, request), connectionAddress);
  if (response.status === 200 && request.method === 'GET' && url.pathname.startsWith(PROTECTED_RESOURCE_METADATA)) {
    return withRequestedScopes(response);
  }
  if (response.status !== 404) return response;
  const error = new AppError(
    'not_found',
    `Nothing is published at ${new URL(request.url).pathname}; MCP clients start at /.well-known/oauth-protected-resource/mcp.`
  );
  return json(error.toBody(), { status: 404 });
}
