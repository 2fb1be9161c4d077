import { betterAuth } from 'better-auth';
import { eq } from 'drizzle-orm';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import * as schema from '../db/schema';
import type { Db } from '../db/types';
import type { Logger } from '../log';
import type { RateLimiter } from '../limits';
import { recordAudit } from './audit';
import { decideSignUp, onAccountCreated } from './sign-up';

/** Wrong passwords allowed per email address in `SIGN_IN_WINDOW_MS`, whatever the client's IP. */
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

type AuthOptions = {
  db: Db;
  limiter: RateLimiter;
  log: Logger;
  secret: string;
  publicUrl?: string;
  clock: () => Date;
};

/**
 * better-auth over Atelier's own tables: email + password accounts with cookie sessions at `/api/auth/*`.
 * Sign-up policy, sign-in throttling and audit rows are Atelier's rules, added through better-auth's hooks.
 */
export function createAuth(options: AuthOptions) {
  const deps = { db: options.db, log: options.log, clock: options.clock };
  return betterAuth({
    appName: 'Atelier',
    secret: options.secret,
    // Without PUBLIC_URL each request's own host is trusted (single-host installs); server-side calls use the fallback.
    baseURL: options.publicUrl ?? { allowedHosts: ['*'], protocol: 'auto', fallback: 'http://localhost' },
    basePath: '/api/auth',
    database: drizzleAdapter(options.db, { provider: 'pg', schema, usePlural: true }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    user: {
      fields: { name: 'displayName' },
      additionalFields: { role: { type: 'string', input: false, defaultValue: 'user' } }
    },
    advanced: { database: { generateId: 'uuid' } },
    // Sign-in throttling is ours (per email, through the shared limiter); better-auth's per-IP one is off.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = typeof ctx.body?.email === 'string' ? ctx.body.email.trim().toLowerCase() : '';
        const decision = await options.limiter.consume(`sign-in:${email}`, {
          limit: SIGN_IN_ATTEMPTS,
          windowMs: SIGN_IN_WINDOW_MS
        });
        if (!decision.allowed) {
          const seconds = Math.ceil(decision.retryAfterMs / 1000);
          throw new APIError(
            'TOO_MANY_REQUESTS',
            { message: `Too many sign-in attempts for this account; try again in ${seconds} s.` },
            { 'Retry-After': String(seconds) }
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const session = ctx.context.newSession;
        if (ctx.path === '/sign-in/email' && session) {
          await recordAudit(deps, {
            actorUserId: session.user.id,
            action: 'auth.sign_in',
            ipAddress: session.session.ipAddress ?? null
          });
        }
      })
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user, ctx) => {
            const decision = await decideSignUp(deps, {
              email: user.email,
              // A request means a sign-up from outside; server-side calls (headless setup, CLI, admins) skip the policy.
              fromRequest: Boolean(ctx?.request),
              inviteCode: typeof ctx?.body?.inviteCode === 'string' ? ctx.body.inviteCode : undefined
            });
            if (!decision.allowed) throw new APIError('FORBIDDEN', { message: decision.reason });
            return { data: { ...user, email: user.email.toLowerCase(), role: decision.role } };
          },
          after: async (user, ctx) =>
            onAccountCreated(deps, {
              userId: user.id,
              inviteCode: typeof ctx?.body?.inviteCode === 'string' ? ctx.body.inviteCode : undefined
            })
        }
      },
      session: {
        create: {
          before: async (session) => {
            const [owner] = await options.db
              .select({ disabledAt: schema.users.disabledAt })
              .from(schema.users)
              .where(eq(schema.users.id, session.userId));
            if (!owner || owner.disabledAt) {
              throw new APIError('FORBIDDEN', { message: 'This account is disabled; ask an admin.' });
            }
          }
        }
      }
    }
  });
}

export type Auth = ReturnType<typeof createAuth>;
