import { and, asc, desc, eq, lt, ne } from 'drizzle-orm';
import {
  auditLog,
  instanceSettings,
  sessions,
  users,
  type ContentPolicy,
  type SignUpPolicy,
  type UserRole,
  type UserRow
} from '../db/schema';
import { AppError } from '../errors';
import { removeAdminScope, revokeAllApiKeys } from './api-keys';
import { recordAudit } from './audit';
import { FALLBACK_DAILY_BUDGET_USD, hasPaidProvider, microsToUsd, usdToMicros } from './budgets';
import type { Deps } from './deps';
import { PRE_ACCOUNTS_USER_EMAIL } from './sign-up';
import type { Actor } from './users';

type AdminDeps = Pick<Deps, 'db' | 'log' | 'clock' | 'providers' | 'assistant'>;

export type AdminUserDto = {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  createdAt: string;
  allowedProviders: string[] | null;
  allowedModels: string[] | null;
  maxImagesPerRequest: number | null;
  generatePerMinute: number | null;
  requestsPerMinute: number | null;
  dailyBudgetUsd: number | null;
  /** An agent's call estimated above this asks the user first; null: the instance's CONFIRM_SPEND_ABOVE_USD. */
  confirmSpendAboveUsd: number | null;
  storageQuotaBytes: number | null;
};

/** What an admin may change about an account; an omitted field stays, `null` returns it to the instance default. */
export type UserPatch = Partial<Omit<AdminUserDto, 'id' | 'email' | 'displayName' | 'createdAt'>>;

export type InstanceSettingsDto = {
  signUpPolicy: SignUpPolicy;
  globalDailyBudgetUsd: number | null;
  defaultDailyBudgetUsd: number | null;
  defaultGeneratePerMinute: number;
  defaultRequestsPerMinute: number;
  defaultStorageQuotaBytes: number | null;
  trashRetentionDays: number;
  /** Null keeps images forever. */
  imageRetentionDays: number | null;
  /** What flagged prompts and images get: refused (`block`), blurred in the studio (`blur`) or nothing (`allow`). */
  contentPolicy: ContentPolicy;
  /** Whether the local NSFW classifier scores outputs and uploads. */
  nsfwClassifierEnabled: boolean;
  /** An NSFW score at or above this flags an image, 0–1. */
  nsfwThreshold: number;
  /**
   * The daily budget users without one get because a paid provider is configured and no default is set
   * (FALLBACK_DAILY_BUDGET_USD); null when a default is set or every provider is free.
   */
  fallbackDailyBudgetUsd: number | null;
};

export type AuditEntryDto = {
  id: string;
  at: string;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
};

function toAdminUserDto(row: UserRow): AdminUserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
    allowedProviders: row.allowedProviders,
    allowedModels: row.allowedModels,
    maxImagesPerRequest: row.maxImagesPerRequest,
    generatePerMinute: row.generatePerMinute,
    requestsPerMinute: row.requestsPerMinute,
    dailyBudgetUsd: row.dailyBudgetMicros === null ? null : microsToUsd(row.dailyBudgetMicros),
    confirmSpendAboveUsd: row.confirmSpendAboveMicros === null ? null : microsToUsd(row.confirmSpendAboveMicros),
    storageQuotaBytes: row.storageQuotaBytes
  };
}

export async function listUsers(deps: Pick<Deps, 'db'>): Promise<AdminUserDto[]> {
  const rows = await deps.db
    .select()
    .from(users)
    .where(ne(users.email, PRE_ACCOUNTS_USER_EMAIL))
    .orderBy(asc(users.createdAt));
  return rows.map(toAdminUserDto);
}

/** How the admin is calling: programs (API keys) are kept away from the changes that decide who is an admin. */
export type AdminChannel = { viaApiKey: boolean };

/**
 * A leaked admin key must not be able to lock the real admins out or mint new ones: role changes and
 * disabling (or re-enabling) an admin need a person signed in to the studio.
 */
function refuseForApiKeys(targetRole: UserRole, patch: UserPatch): void {
  if (patch.role !== undefined) {
    throw new AppError(
      'forbidden',
      'An API key cannot change roles; sign in to the studio (Admin → Users) to promote or demote someone.'
    );
  }
  if (patch.disabled !== undefined && targetRole === 'admin') {
    throw new AppError(
      'forbidden',
      'An API key cannot disable or re-enable an admin; sign in to the studio (Admin → Users) to do it.'
    );
  }
}

/**
 * Changes an account's role, permissions, limits or budget. Disabling ends its sessions and revokes its
 * keys at once; a demotion takes the admin scope off its keys for good. Admins cannot disable or demote
 * themselves, so an instance always keeps an admin.
 */
export async function updateUser(
  deps: AdminDeps,
  admin: Actor,
  userId: string,
  patch: UserPatch,
  channel: AdminChannel
): Promise<AdminUserDto> {
  if (userId === admin.id && (patch.disabled === true || patch.role === 'user')) {
    throw new AppError('forbidden', 'You cannot disable or demote your own account; ask another admin.');
  }
  const { disabled, dailyBudgetUsd, confirmSpendAboveUsd, ...columns } = patch;
  const row = await deps.db.transaction(async (tx) => {
    const [target] = await tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.id, userId), ne(users.email, PRE_ACCOUNTS_USER_EMAIL)))
      .for('update');
    if (!target) throw new AppError('not_found', 'No such user; list users to see their ids.');
    if (channel.viaApiKey) refuseForApiKeys(target.role, patch);
    const [updated] = await tx
      .update(users)
      .set({
        ...columns,
        ...(disabled !== undefined && { disabledAt: disabled ? deps.clock() : null }),
        ...(dailyBudgetUsd !== undefined && {
          dailyBudgetMicros: dailyBudgetUsd === null ? null : usdToMicros(dailyBudgetUsd)
        }),
        ...(confirmSpendAboveUsd !== undefined && {
          confirmSpendAboveMicros: confirmSpendAboveUsd === null ? null : usdToMicros(confirmSpendAboveUsd)
        }),
        updatedAt: deps.clock()
      })
      .where(eq(users.id, userId))
      .returning();
    if (!updated) throw new Error('The user row was not updated.');
    if (target.role === 'admin' && updated.role !== 'admin') await removeAdminScope(tx, userId);
    return updated;
  });
  if (disabled) {
    await deps.db.delete(sessions).where(eq(sessions.userId, userId));
    await revokeAllApiKeys(deps, userId);
  }
  await recordAudit(deps, {
    actorUserId: admin.id,
    action: 'admin.user_updated',
    targetType: 'user',
    targetId: userId,
    details: { ...patch }
  });
  return toAdminUserDto(row);
}

export async function getInstanceSettings(
  deps: Pick<Deps, 'db' | 'providers' | 'assistant'>
): Promise<InstanceSettingsDto> {
  const [row] = await deps.db.select().from(instanceSettings).where(eq(instanceSettings.id, 1));
  if (!row) throw new Error('instance_settings has no row; the migrations did not run.');
  return {
    signUpPolicy: row.signUpPolicy,
    globalDailyBudgetUsd: row.globalDailyBudgetMicros === null ? null : microsToUsd(row.globalDailyBudgetMicros),
    defaultDailyBudgetUsd: row.defaultDailyBudgetMicros === null ? null : microsToUsd(row.defaultDailyBudgetMicros),
    defaultGeneratePerMinute: row.defaultGeneratePerMinute,
    defaultRequestsPerMinute: row.defaultRequestsPerMinute,
    defaultStorageQuotaBytes: row.defaultStorageQuotaBytes,
    trashRetentionDays: row.trashRetentionDays,
    imageRetentionDays: row.imageRetentionDays,
    contentPolicy: row.contentPolicy,
    nsfwClassifierEnabled: row.nsfwClassifierEnabled,
    nsfwThreshold: row.nsfwThreshold,
    fallbackDailyBudgetUsd:
      row.defaultDailyBudgetMicros === null && hasPaidProvider(deps) ? FALLBACK_DAILY_BUDGET_USD : null
  };
}

export async function updateInstanceSettings(
  deps: AdminDeps,
  admin: Actor,
  patch: Partial<Omit<InstanceSettingsDto, 'fallbackDailyBudgetUsd'>>
): Promise<InstanceSettingsDto> {
  const { globalDailyBudgetUsd, defaultDailyBudgetUsd, ...columns } = patch;
  const toMicros = (usd: number | null) => (usd === null ? null : usdToMicros(usd));
  await deps.db
    .update(instanceSettings)
    .set({
      ...columns,
      ...(globalDailyBudgetUsd !== undefined && { globalDailyBudgetMicros: toMicros(globalDailyBudgetUsd) }),
      ...(defaultDailyBudgetUsd !== undefined && { defaultDailyBudgetMicros: toMicros(defaultDailyBudgetUsd) }),
      updatedAt: deps.clock()
    })
    .where(eq(instanceSettings.id, 1));
  await recordAudit(deps, { actorUserId: admin.id, action: 'admin.settings_updated', details: { ...patch } });
  return getInstanceSettings(deps);
}

/** Newest first; `before` (an ISO time from the previous page's last entry) pages back. */
export async function listAuditLog(
  deps: Pick<Deps, 'db'>,
  options: { limit: number; before?: string }
): Promise<AuditEntryDto[]> {
  const rows = await deps.db
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(options.before ? lt(auditLog.at, new Date(options.before)) : undefined)
    .orderBy(desc(auditLog.at))
    .limit(options.limit);
  return rows.map(({ entry, actorEmail }) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    actorEmail,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details
  }));
}
