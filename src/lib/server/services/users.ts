import { eq } from 'drizzle-orm';
import { instanceSettings, users, type ApiKeyScope, type UserRole, type UserRow } from '../db/schema';
import type { Deps } from './deps';

/** What a user may do beyond their role; instance defaults already applied. */
export type UserPolicy = {
  allowedProviders: string[] | null;
  allowedModels: string[] | null;
  maxImagesPerRequest: number | null;
  generatePerMinute: number;
  requestsPerMinute: number;
};

/** Who is calling, and with which scopes: all of the role's for sessions and stdio, the key's own for an API key. */
export type Actor = {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  scopes: readonly ApiKeyScope[];
  policy: UserPolicy;
};

export function scopesOfRole(role: UserRole): ApiKeyScope[] {
  return role === 'admin' ? ['read', 'generate', 'admin'] : ['read', 'generate'];
}

type InstanceDefaults = { defaultGeneratePerMinute: number; defaultRequestsPerMinute: number };

export function toActor(row: UserRow, defaults: InstanceDefaults, scopes?: readonly ApiKeyScope[]): Actor {
  const allowed = scopesOfRole(row.role);
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    scopes: scopes ? scopes.filter((scope) => allowed.includes(scope)) : allowed,
    policy: {
      allowedProviders: row.allowedProviders,
      allowedModels: row.allowedModels,
      maxImagesPerRequest: row.maxImagesPerRequest,
      generatePerMinute: row.generatePerMinute ?? defaults.defaultGeneratePerMinute,
      requestsPerMinute: row.requestsPerMinute ?? defaults.defaultRequestsPerMinute
    }
  };
}

/** The caller behind a user id, or null when the account does not exist or is disabled. */
export async function loadActor(
  deps: Pick<Deps, 'db'>,
  userId: string,
  scopes?: readonly ApiKeyScope[]
): Promise<Actor | null> {
  const [row] = await deps.db
    .select({ user: users, defaults: instanceSettings })
    .from(users)
    .innerJoin(instanceSettings, eq(instanceSettings.id, 1))
    .where(eq(users.id, userId));
  if (!row || row.user.disabledAt) return null;
  return toActor(row.user, row.defaults, scopes);
}

export async function findUserByEmail(deps: Pick<Deps, 'db'>, email: string): Promise<UserRow | undefined> {
  const [row] = await deps.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}
