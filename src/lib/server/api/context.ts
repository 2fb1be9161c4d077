import type { Deps } from '../services/deps';
import type { Actor } from '../services/users';

/**
 * How the caller proved who they are. `oauth` is an access token of an app the person connected.
 * `stdio` and `internal` are trusted by the local OS / the process itself.
 */
export type AuthMethod = 'session' | 'api_key' | 'oauth' | 'stdio' | 'internal';

/** Why a request that tried to authenticate has no user: said precisely by the auth middleware. */
export type AuthRefusal = 'invalid_api_key' | 'invalid_oauth_token' | 'cross_site' | 'api_key_throttled';

/** What every procedure receives. `user` is null when the caller is not (or not validly) signed in. */
export type ApiContext = {
  deps: Deps;
  user: Actor | null;
  authMethod: AuthMethod | null;
  authRefusal?: AuthRefusal;
  /** With `api_key_throttled`: how long until this address may send API keys again. */
  authRetryAfterMs?: number;
  requestId: string;
  ipAddress: string | null;
  /** Headers middlewares add to the HTTP answer (`RateLimit-*`); shared by every copy of the context. */
  responseHeaders: Headers;
};
