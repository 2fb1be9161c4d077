import type { ApiKeyScope } from '../../db/schema';
import { AppError } from '../../errors';
import type { Actor } from '../../services/users';
import type { ApiContext } from '../context';

/** Why a context has no user, as an `unauthorized`/`forbidden`/`rate_limited` error that says how to fix the request. */
export function refusalOf(ctx: Pick<ApiContext, 'authRefusal' | 'authRetryAfterMs'>): AppError {
  switch (ctx.authRefusal) {
    case 'invalid_api_key':
      return new AppError(
        'unauthorized',
        'This API key is unknown, revoked, or its account is disabled; create a new key in the studio (Account → API keys).'
      );
    case 'invalid_oauth_token':
      return new AppError(
        'unauthorized',
        'This access token is unknown, expired or revoked; connect the app again to sign in.'
      );
    case 'api_key_throttled': {
      const retryAfterMs = ctx.authRetryAfterMs ?? 1000;
      return new AppError(
        'rate_limited',
        `Too many wrong API keys came from your address; try again in ${Math.ceil(retryAfterMs / 1000)} s with a valid key.`,
        { retryAfterMs }
      );
    }
    case 'cross_site':
      return new AppError(
        'forbidden',
        'Cross-site requests with the studio cookie are refused; call the API with an API key.'
      );
    default:
      return new AppError(
        'unauthorized',
        'Sign in to the studio, or send an API key as "Authorization: Bearer atk_…".'
      );
  }
}

/** The signed-in caller, or the refusal that explains its absence. */
export function requireActor(ctx: ApiContext): Actor {
  if (ctx.user) return ctx.user;
  throw refusalOf(ctx);
}

export function requireScope(actor: Actor, scope: ApiKeyScope): void {
  if (actor.scopes.includes(scope)) return;
  throw new AppError(
    'forbidden',
    scope === 'admin' && actor.role !== 'admin'
      ? 'Only admins can do this.'
      : `This API key or app lacks the "${scope}" scope; create a key with it in the studio (Account → API keys), or connect the app again and allow "${scope}".`
  );
}

/**
 * Keys and connected apps are managed by a person (studio session) or the local OS (stdio, CLI), never by
 * a key or an app's token.
 */
export function requireInteractive(ctx: ApiContext): void {
  if (ctx.authMethod === 'api_key' || ctx.authMethod === 'oauth') {
    throw new AppError(
      'forbidden',
      'API keys and connected apps cannot manage keys or apps; use the studio or `npm run atelier -- keys`.'
    );
  }
}
