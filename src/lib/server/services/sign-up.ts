import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, like, ne, sql } from 'drizzle-orm';
import {
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
import { reassignImageOwner } from '../db/repositories/generated-images';
import { recordAudit } from './audit';
import { findUserByEmail } from './users';

/** The one user that owned everything before accounts existed; the first admin inherits its library. */
export const PRE_ACCOUNTS_USER_EMAIL = 'local@atelier.invalid';
export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

type SignUpDeps = Pick<Deps, 'db' | 'log' | 'clock'>;

/** How long the setup link printed at start stays valid; every start prints a new one. */
export const SETUP_CODE_TTL_MS = 24 * 60 * 60_000;
const SETUP_PREFIX = 'setup:';

/**
 * What an HTTP sign-up may do: the role the account gets and, for the first admin or an invite, the
 * verification row it must spend (in the transaction that creates the account). `refusal` is the answer
 * when it is refused, now or later (the email has an account, the invite was spent meanwhile).
 */
export type SignUpTicket =
  { allowed: true; role: UserRole; spends?: string; refusal: string } | { allowed: false; refusal: string };

/** Said to every refused sign-up of one policy, so an answer never tells whether an email has an account. */
export const SIGN_UP_REFUSALS = {
  setup:
    "Creating the first admin needs the one-time setup link printed in the server's log at start (or ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD); this link is missing, used or out of date.",
  closed: 'Sign-ups are closed on this Atelier; ask an admin to create your account.',
  invite:
    'This account could not be created: it needs an unused invite for this email address, and an address that has no account yet. Sign in, or ask an admin for an invite link.',
  open: 'This account could not be created with this email address; if it is yours, sign in instead.'
} as const;

function hashedIdentifier(prefix: string, code: string): string {
  return `${prefix}${createHash('sha256').update(code).digest('hex')}`;
}

function inviteIdentifier(code: string): string {
  return hashedIdentifier('invite:', code);
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
 * A new one-time setup code for creating the first admin over HTTP; earlier ones stop working. Stored as a
 * SHA-256 hash and found by it, so the comparison never runs over the secret itself.
 */
export async function createSetupCode(deps: SignUpDeps): Promise<string> {
  const code = randomBytes(18).toString('base64url');
  await deps.db.transaction(async (tx) => {
    await tx.delete(verifications).where(like(verifications.identifier, `${SETUP_PREFIX}%`));
    await tx.insert(verifications).values({
      identifier: hashedIdentifier(SETUP_PREFIX, code),
      value: 'admin',
      expiresAt: new Date(deps.clock().getTime() + SETUP_CODE_TTL_MS)
    });
  });
  return code;
}

/**
 * The sign-up policy for a sign-up over HTTP: the first account is the admin and needs the setup code;
 * after that `open` lets anyone in, `invite` needs an unexpired invite from an admin, `closed` refuses
 * before anything about the email is looked up. Server-side account creation does not come here.
 */
export async function admitSignUp(
  deps: SignUpDeps,
  request: { email: string; inviteCode?: string; setupCode?: string }
): Promise<SignUpTicket> {
  if (await needsFirstAdmin(deps)) {
    const refusal = SIGN_UP_REFUSALS.setup;
    return request.setupCode
      ? { allowed: true, role: 'admin', spends: hashedIdentifier(SETUP_PREFIX, request.setupCode), refusal }
      : { allowed: false, refusal };
  }
  const [settings] = await deps.db.select().from(instanceSettings).where(eq(instanceSettings.id, 1));
  const policy = settings?.signUpPolicy ?? 'invite';
  const refusal = SIGN_UP_REFUSALS[policy];
  // Checked only after the policy lets the sign-up through, and refused with the same words.
  const emailTaken = async () => Boolean(await findUserByEmail(deps, request.email));
  switch (policy) {
    case 'open':
      return (await emailTaken()) ? { allowed: false, refusal } : { allowed: true, role: 'user', refusal };
    case 'closed':
      return { allowed: false, refusal };
    case 'invite': {
      if (!request.inviteCode) return { allowed: false, refusal };
      const identifier = inviteIdentifier(request.inviteCode);
      const [invite] = await deps.db
        .select()
        .from(verifications)
        .where(and(eq(verifications.identifier, identifier), gt(verifications.expiresAt, deps.clock())));
      const intendedFor = invite?.value;
      if (!invite || (intendedFor !== '*' && intendedFor !== request.email.toLowerCase()) || (await emailTaken())) {
        return { allowed: false, refusal };
      }
      return { allowed: true, role: 'user', spends: identifier, refusal };
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

/**
 * The address a live invite is for (null: anyone with the link), so the sign-up form can fill it in;
 * undefined when the code is unknown, spent or expired. Whoever holds the code may see its address.
 */
export async function inviteRecipient(
  deps: Pick<Deps, 'db' | 'clock'>,
  inviteCode: string
): Promise<{ email: string | null } | undefined> {
  const [invite] = await deps.db
    .select({ value: verifications.value })
    .from(verifications)
    .where(and(eq(verifications.identifier, inviteIdentifier(inviteCode)), gt(verifications.expiresAt, deps.clock())));
  if (!invite) return undefined;
  return { email: invite.value === '*' ? null : invite.value };
}

/** After better-auth created an account (and spent its invite in the same transaction): hand the first admin the pre-accounts library. */
export async function onAccountCreated(deps: SignUpDeps, account: { userId: string }): Promise<void> {
  const [created] = await deps.db.select().from(users).where(eq(users.id, account.userId));
  if (created?.role === 'admin') await adoptPreAccountsLibrary(deps, created.id);
  await recordAudit(deps, { actorUserId: account.userId, action: 'auth.sign_up', details: { role: created?.role } });
}

async function adoptPreAccountsLibrary(deps: SignUpDeps, adminId: string): Promise<void> {
  const [previous] = await deps.db.select().from(users).where(eq(users.email, PRE_ACCOUNTS_USER_EMAIL));
  if (!previous) return;
  await deps.db.transaction(async (tx) => {
    await reassignImageOwner(tx, previous.id, adminId);
    for (const table of [imageFavorites, promptTemplates, imageCollections, imageGenerationStats]) {
      await tx
        .update(table)
        .set({ userId: adminId })
        .where(sql`${table.userId} = ${previous.id}`);
    }
    await tx.delete(users).where(eq(users.id, previous.id));
  });
  deps.log.info({ adminId }, 'the first admin now owns the library created before accounts existed');
}
