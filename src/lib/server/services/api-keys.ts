import { randomBytes } from 'node:crypto';
import { and, arrayContains, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { apiKeys, instanceSettings, users, type ApiKeyRow, type ApiKeyScope } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { recordAudit } from './audit';
import type { Deps } from './deps';
import { hashSecret } from './secret-hash';
import { scopesOfRole, toActor, type Actor } from './users';

const KEY_PREFIX = 'atk_';
/** How much of a key is kept in clear so people can tell their keys apart. */
const VISIBLE_PREFIX_LENGTH = KEY_PREFIX.length + 8;

export type ApiKeyDto = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type KeyDeps = Pick<Deps, 'db' | 'log' | 'clock'>;

function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null
  };
}

/** A new key for the actor. The secret is returned here once and only its hash is stored. */
export async function createApiKey(
  deps: KeyDeps,
  actor: Pick<Actor, 'id' | 'role'>,
  input: { name: string; scopes: ApiKeyScope[] }
): Promise<{ key: ApiKeyDto; secret: string }> {
  const grantable = scopesOfRole(actor.role);
  const refused = input.scopes.filter((scope) => !grantable.includes(scope));
  if (refused.length) {
    throw new AppError(
      'forbidden',
      `Your account cannot grant the ${refused.join(', ')} scope; choose from ${grantable.join(', ')}.`
    );
  }
  const secret = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const [row] = await deps.db
    .insert(apiKeys)
    .values({
      userId: actor.id,
      name: input.name,
      prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
      secretHash: hashSecret(secret),
      scopes: [...new Set(input.scopes)]
    })
    .returning();
  if (!row) throw new Error('The API key row was not written.');
  await recordAudit(deps, {
    actorUserId: actor.id,
    action: 'api_key.created',
    targetType: 'api_key',
    targetId: row.id,
    details: { name: row.name, scopes: row.scopes }
  });
  return { key: toApiKeyDto(row), secret };
}

export async function listApiKeys(deps: Pick<Deps, 'db'>, actor: Pick<Actor, 'id'>): Promise<ApiKeyDto[]> {
  const rows = await deps.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, actor.id))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toApiKeyDto);
}

/** Revokes one of the actor's keys; takes effect on the key's next request. Another user's key is `not_found`. */
export async function revokeApiKey(deps: KeyDeps, actor: Pick<Actor, 'id'>, keyId: string): Promise<ApiKeyDto> {
  const [row] = await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.clock() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, actor.id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) {
    const [existing] = await deps.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, actor.id)));
    if (existing) return toApiKeyDto(existing);
    throw new AppError('not_found', 'No such API key; list your keys to see their ids.');
  }
  await recordAudit(deps, {
    actorUserId: actor.id,
    action: 'api_key.revoked',
    targetType: 'api_key',
    targetId: row.id
  });
  return toApiKeyDto(row);
}

/** Revokes every live key of a user (an admin disabled the account). */
export async function revokeAllApiKeys(deps: Pick<Deps, 'db' | 'clock'>, userId: string): Promise<number> {
  const revoked = await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.clock() })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length;
}

/**
 * Takes the `admin` scope off every key of a user who stops being an admin, so a later promotion does not
 * bring old keys' admin powers back; the user makes new admin keys if they need them.
 */
export async function removeAdminScope(db: Pick<Db, 'update'>, userId: string): Promise<number> {
  const changed = await db
    .update(apiKeys)
    .set({ scopes: sql`array_remove(${apiKeys.scopes}, 'admin')` })
    .where(and(eq(apiKeys.userId, userId), arrayContains(apiKeys.scopes, ['admin'])))
    .returning({ id: apiKeys.id });
  return changed.length;
}

/**
 * `last_used_at` is written at most once per this long per key: it tells people which keys are in use, and
 * a write on every request would cost every API call a statement.
 */
export const LAST_USED_PRECISION_MS = 60_000;

/**
 * The caller behind a bearer secret, limited to the key's scopes; null for unknown, revoked or disabled.
 * One statement finds the key, its account and the instance defaults.
 */
export async function authenticateApiKey(deps: Pick<Deps, 'db' | 'clock'>, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(KEY_PREFIX)) return null;
  const [found] = await deps.db
    .select({ key: apiKeys, user: users, defaults: instanceSettings })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(instanceSettings, eq(instanceSettings.id, 1))
    .where(and(eq(apiKeys.secretHash, hashSecret(secret)), isNull(apiKeys.revokedAt)));
  if (!found || found.user.disabledAt) return null;
  await recordKeyUse(deps, found.key);
  return toActor(found.user, found.defaults, found.key.scopes);
}

/** Moves `last_used_at` to now once it is `LAST_USED_PRECISION_MS` old; concurrent requests write it once. */
async function recordKeyUse(deps: Pick<Deps, 'db' | 'clock'>, key: ApiKeyRow): Promise<void> {
  const now = deps.clock();
  const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  if (key.lastUsedAt && key.lastUsedAt > stale) return;
  await deps.db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, stale))));
}
