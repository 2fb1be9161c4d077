import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import {
  instanceSettings,
  oauthAccessTokens,
  oauthClients,
  oauthConsents,
  oauthRefreshTokens,
  users,
  type ApiKeyScope
} from '../db/schema';
import { AppError } from '../errors';
import { recordAudit } from './audit';
import type { Deps } from './deps';
import { OAUTH_ACCESS_TOKEN_PREFIX, OAUTH_GRANTABLE_SCOPES } from './oauth-provider';
import { hashSecret } from './secret-hash';
import { toActor, type Actor } from './users';

export type ConnectedAppDto = {
  clientId: string;
  name: string;
  uri: string | null;
  scopes: ApiKeyScope[];
  connectedAt: string;
};

export type OAuthClientDto = { clientId: string; name: string; uri: string | null };

function grantable(scopes: readonly string[]): ApiKeyScope[] {
  return OAUTH_GRANTABLE_SCOPES.filter((scope) => scopes.includes(scope));
}

/** A registered client's own name (RFC 7591 `client_name`); one without says so rather than showing an id. */
function clientName(name: string | null): string {
  return name?.trim() || 'An unnamed app';
}

/**
 * The caller behind an OAuth access token, limited to the scopes the person granted; null for unknown,
 * expired or revoked tokens, disabled apps and disabled accounts. Rate limits and budgets are the user's,
 * exactly as for an API key of the same scopes.
 */
export async function authenticateOAuthToken(deps: Pick<Deps, 'db' | 'clock'>, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(OAUTH_ACCESS_TOKEN_PREFIX)) return null;
  const [found] = await deps.db
    .select({ scopes: oauthAccessTokens.scopes, user: users, defaults: instanceSettings })
    .from(oauthAccessTokens)
    .innerJoin(users, eq(users.id, oauthAccessTokens.userId))
    .innerJoin(oauthClients, eq(oauthClients.clientId, oauthAccessTokens.clientId))
    .innerJoin(instanceSettings, eq(instanceSettings.id, 1))
    .where(
      and(
        eq(oauthAccessTokens.token, hashSecret(secret.slice(OAUTH_ACCESS_TOKEN_PREFIX.length))),
        isNull(oauthAccessTokens.revoked),
        gt(oauthAccessTokens.expiresAt, deps.clock()),
        eq(oauthClients.disabled, false)
      )
    );
  if (!found || found.user.disabledAt) return null;
  return toActor(found.user, found.defaults, grantable(found.scopes));
}

/** The client a consent page asks about; `not_found` for an id no app registered. */
export async function describeOAuthClient(deps: Pick<Deps, 'db'>, clientId: string): Promise<OAuthClientDto> {
  const [client] = await deps.db
    .select({ clientId: oauthClients.clientId, name: oauthClients.name, uri: oauthClients.uri })
    .from(oauthClients)
    .where(and(eq(oauthClients.clientId, clientId), eq(oauthClients.disabled, false)));
  if (!client) throw new AppError('not_found', 'No app with this client id is registered; start the connection again.');
  return { ...client, name: clientName(client.name) };
}

/** The apps the actor allowed, newest first, with the scopes each may use. */
export async function listConnectedApps(deps: Pick<Deps, 'db'>, actor: Pick<Actor, 'id'>): Promise<ConnectedAppDto[]> {
  const rows = await deps.db
    .select({ consent: oauthConsents, name: oauthClients.name, uri: oauthClients.uri })
    .from(oauthConsents)
    .innerJoin(oauthClients, eq(oauthClients.clientId, oauthConsents.clientId))
    .where(eq(oauthConsents.userId, actor.id))
    .orderBy(desc(oauthConsents.createdAt));
  return rows.map(({ consent, name, uri }) => ({
    clientId: consent.clientId,
    name: clientName(name),
    uri,
    scopes: grantable(consent.scopes),
    connectedAt: (consent.createdAt ?? consent.updatedAt ?? new Date(0)).toISOString()
  }));
}

/**
 * Disconnects an app: its consent goes and every access and refresh token it holds for the actor is revoked
 * in one transaction, so its next request and its next refresh are refused. Connecting again asks the person again.
 */
export async function revokeConnectedApp(
  deps: Pick<Deps, 'db' | 'log' | 'clock'>,
  actor: Pick<Actor, 'id'>,
  clientId: string
): Promise<void> {
  const now = deps.clock();
  const removed = await deps.db.transaction(async (tx) => {
    const consents = await tx
      .delete(oauthConsents)
      .where(and(eq(oauthConsents.userId, actor.id), eq(oauthConsents.clientId, clientId)))
      .returning({ id: oauthConsents.id });
    await tx
      .update(oauthAccessTokens)
      .set({ revoked: now })
      .where(
        and(
          eq(oauthAccessTokens.userId, actor.id),
          eq(oauthAccessTokens.clientId, clientId),
          isNull(oauthAccessTokens.revoked)
        )
      );
    const ofTheApp = and(eq(oauthRefreshTokens.userId, actor.id), eq(oauthRefreshTokens.clientId, clientId));
    // A token replaced in the last 30 s still answers a retried refresh with its successor (better-auth's reuse
    // window); closing the window makes every refresh token the app held refused, not just the newest.
    await tx
      .update(oauthRefreshTokens)
      .set({ rotationReplayExpiresAt: null, rotationReplayResponse: null })
      .where(and(ofTheApp, isNotNull(oauthRefreshTokens.rotationReplayExpiresAt)));
    const refreshTokens = await tx
      .update(oauthRefreshTokens)
      .set({ revoked: now })
      .where(and(ofTheApp, isNull(oauthRefreshTokens.revoked)))
      .returning({ id: oauthRefreshTokens.id });
    return consents.length + refreshTokens.length;
  });
  if (removed === 0)
    throw new AppError('not_found', 'This app is not connected to your account; list your apps to see them.');
  await recordAudit(deps, {
    actorUserId: actor.id,
    action: 'oauth_app.revoked',
    targetType: 'oauth_client',
    targetId: clientId
  });
}
