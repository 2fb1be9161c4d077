import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import {
  generatedImages,
  imageCollections,
  imageFavorites,
  imageGenerationStats,
  instanceSettings,
  promptTemplates,
  users,
  verifications,
  type UserRole
} from '../db/schema';
import type { Deps } from './deps';
import { recordAudit } from './audit';

/** The one user that owned everything before accounts existed; the first admin inherits its library. */
export const PRE_ACCOUNTS_USER_EMAIL = 'local@atelier.invalid';
export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

type SignUpDeps = Pick<Deps, 'db' | 'log' | 'clock'>;

export type SignUpDecision = { allowed: true; role: UserRole } | { allowed: false; reason: string };

function inviteIdentifier(code: string): string {
  return `invite:${createHash('sha256').update(code).digest('hex')}`;
}

/** Whether no one can sign in yet, so the first visit offers "create the admin account". */
export async function needsFirstAdmin(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(ne(users.email, PRE_ACCOUNTS_USER_EMAIL))
    .limit(1);
  return !row;
}

/**
 * The sign-up policy: the first account is the admin; after that `open` lets anyone in, `invite` needs
 * an unexpired invite code from an admin, `closed` refuses. Server-side account creation skips the policy.
 */
export async function decideSignUp(
  deps: SignUpDeps,
  request: { email: string; fromRequest: boolean; inviteCode?: string }
): Promise<SignUpDecision> {
  if (await needsFirstAdmin(deps)) return { allowed: true, role: 'admin' };
  if (!request.fromRequest) return { allowed: true, role: 'user' };

  const [settings] = await deps.db.select().from(instanceSettings).where(eq(instanceSettings.id, 1));
  switch (settings?.signUpPolicy ?? 'open') {
    case 'open':
      return { allowed: true, role: 'user' };
    case 'closed':
      return { allowed: false, reason: 'Sign-ups are closed on this Atelier; ask an admin to create your account.' };
    case 'invite': {
      if (!request.inviteCode) {
        return { allowed: false, reason: 'Sign-ups need an invite on this Atelier; ask an admin for an invite link.' };
      }
      const [invite] = await deps.db
        .select()
        .from(verifications)
        .where(
          and(
            eq(verifications.identifier, inviteIdentifier(request.inviteCode)),
            gt(verifications.expiresAt, deps.clock())
          )
        );
      const intendedFor = invite?.value;
      if (!invite || (intendedFor !== '*' && intendedFor !== request.email.toLowerCase())) {
        return { allowed: false, reason: 'This invite is not valid for this email address, or it has expired.' };
      }
      return { allowed: true, role: 'user' };
    }
  }
}

/** An invite an admin shares as a link; single use. `email` limits it to one address. */
export async function createInvite(
  deps: SignUpDeps,
  admin: { id: string },
  options: { email?: string }
): Promise<{ code: string; expiresAt: string }> {
  const code = randomBytes(18).toString('base64url');
  const expiresAt = new Date(deps.clock().getTime() + INVITE_TTL_MS);
  await deps.db
    .insert(verifications)
    .values({ identifier: inviteIdentifier(code), value: options.email?.toLowerCase() ?? '*', expiresAt });
  await recordAudit(deps, {
    actorUserId: admin.id,
    action: 'admin.invite_created',
    details: { email: options.email ?? null, expiresAt: expiresAt.toISOString() }
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

/** After better-auth created an account: spend its invite, hand the first admin the pre-accounts library. */
export async function onAccountCreated(
  deps: SignUpDeps,
  account: { userId: string; inviteCode?: string }
): Promise<void> {
  if (account.inviteCode) {
    await deps.db.delete(verifications).where(eq(verifications.identifier, inviteIdentifier(account.inviteCode)));
  }
  const [created] = await deps.db.select().from(users).where(eq(users.id, account.userId));
  if (created?.role === 'admin') await adoptPreAccountsLibrary(deps, created.id);
  await recordAudit(deps, { actorUserId: account.userId, action: 'auth.sign_up', details: { role: created?.role } });
}

async function adoptPreAccountsLibrary(deps: SignUpDeps, adminId: string): Promise<void> {
  const [previous] = await deps.db.select().from(users).where(eq(users.email, PRE_ACCOUNTS_USER_EMAIL));
  if (!previous) return;
  await deps.db.transaction(async (tx) => {
    for (const table of [generatedImages, imageFavorites, promptTemplates, imageCollections, imageGenerationStats]) {
      await tx
        .update(table)
        .set({ userId: adminId })
        .where(sql`${table.userId} = ${previous.id}`);
    }
    await tx.delete(users).where(eq(users.id, previous.id));
  });
  deps.log.info({ adminId }, 'the first admin now owns the library created before accounts existed');
}
