import type { ApiContext } from '../api/context';
import { mcpChallenge, mcpResourceOf } from '../services/oauth-provider';
import { refusalResponse } from './rest';

/** The answer to an `/mcp` request without a valid key or token: a 401 points OAuth clients at the sign-in. */
export function mcpRefusalResponse(ctx: ApiContext): Response {
  const refusal = refusalResponse(ctx);
  if (refusal.status === 401) {
    const resource = mcpResourceOf(ctx.deps.config.auth.origins[0]);
    refusal.headers.set('www-authenticate', mcpChallenge(resource, ctx.authRefusal !== undefined));
  }
  return refusal;
}
