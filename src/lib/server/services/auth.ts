import { betterAuth, getCurrentAdapter, type DBAdapter } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import * as schema from '../db/schema';
import type { Db } from '../db/types';
import type { Logger } from '../log';
import type { RateLimiter } from '../limits';
import { recordAudit } from './audit';
import { countRegistration, mcpResourceOf, oauthPlugin, withNativeApplicationType } from './oauth-provider';
import { refuseBadDisplayName } from './auth-names';
import { admitSignUp, onAccountCreated, PRE_ACCOUNTS_USER_EMAIL, type SignUpTicket } from './sign-up';
import { countSignInAttempt, forgiveSignIn, type SignInCount } from './sign-in-throttle';

/**
 * The client's address as the HTTP adapter determined it (honouring TRUST_PROXY). It replaces any header
 * of that name the client sent, and is the only address better-auth and the sign-in throttle believe.
 */
export const CLIENT_IP_HEADER = 'x-atelier-client-ip';

type AuthOptions = {
  db: Db;
  limiter: RateLimiter;
  log: Logger;
  secret: string;
  /** Where browsers reach the studio (config `auth.origins`); the first is better-auth's base URL. */
  origins: [string, ...string[]];
  clock: () => Date;
};

function bodyString(body: unknown, field: string): string | undefined {
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, field) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * better-auth over Atelier's own tables: email + password accounts with cookie sessions at `/api/auth/*`.
 * Sign-up policy, sign-in throttling and audit rows are Atelier's rules, added through better-auth's hooks.
 * With an https (or loopback) origin it is also the OAuth 2.1 authorization server of `/mcp`.
 */
export function createAuth(options: AuthOptions) {
  const deps = { db: options.db, log: options.log, clock: options.clock, limiter: options.limiter };
  // Per HTTP request, between the request hooks and the account-creation hook inside better-auth's transaction.
  const signUpTickets = new WeakMap<Request, Extract<SignUpTicket, { allowed: true }>>();
  const signInCounts = new WeakMap<Request, Extract<SignInCount, { allowed: true }>>();

  /** A new account spends its setup code or invite in the transaction that creates it: one code, one account. */
  async function spend(fallback: DBAdapter, identifier: string): Promise<boolean> {
    const adapter = await getCurrentAdapter(fallback);
    const spent = await adapter.consumeOne({
      model: 'verification',
      where: [
        { field: 'identifier', value: identifier },
        { field: 'expiresAt', operator: 'gt', value: options.clock() }
      ]
    });
    return spent !== null;
  }

  const mcpResource = mcpResourceOf(options.origins[0]);

  return betterAuth({
    appName: 'Atelier',
    plugins: mcpResource ? [oauthPlugin(mcpResource)] : [],
    secret: options.secret,
    baseURL: options.origins[0],
    trustedOrigins: options.origins,
    basePath: '/api/auth',
    // Sign-up runs in one transaction, so spending an invite and creating the account succeed or fail together.
    database: drizzleAdapter(options.db, { provider: 'pg', schema, usePlural: true, transaction: true }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    user: {
      fields: { name: 'displayName' },
      additionalFields: {
        role: { type: 'string', input: false, defaultValue: 'user' },
        disabledAt: { type: 'date', required: false, input: false }
      }
    },
    advanced: {
      database: { generateId: 'uuid' },
      // better-auth skips its origin and redirect checks when NODE_ENV is `test`; they are part of what we test.
      disableOriginCheck: false,
      // Secure cookies when every origin is https; an https request to an http origin gets them per request.
      useSecureCookies: options.origins.every((origin) => origin.startsWith('https://')),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] }
    },
    // Sign-in throttling is ours (failures per email and per IP, through the shared limiter); better-auth's is off.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        refuseBadDisplayName(ctx.path, ctx.body);
        const request = ctx.request;
        if (ctx.path === '/oauth2/register') {
          const retryAfterMs = await countRegistration(deps, request?.headers.get(CLIENT_IP_HEADER) ?? null);
          if (retryAfterMs !== null) {
            const seconds = Math.ceil(retryAfterMs / 1000);
            throw new APIError(
              'TOO_MANY_REQUESTS',
              { message: `Too many apps registered from your address; try again in ${seconds} s.` },
              { 'Retry-After': String(seconds) }
            );
          }
          const body = withNativeApplicationType(ctx.body);
          return body ? { context: { body } } : undefined;
        }
        if (!request) return;
        if (ctx.path === '/sign-in/email') {
          const count = await countSignInAttempt(deps, {
            email: bodyString(ctx.body, 'email') ?? '',
            ip: request.headers.get(CLIENT_IP_HEADER)
          });
          if (!count.allowed) {
            const seconds = Math.ceil(count.retryAfterMs / 1000);
            throw new APIError(
              'TOO_MANY_REQUESTS',
              { message: `Too many failed sign-ins; try again in ${seconds} s.` },
              { 'Retry-After': String(seconds) }
            );
          }
          signInCounts.set(request, count);
        }
        if (ctx.path === '/sign-up/email') {
          const ticket = await admitSignUp(deps, {
            email: bodyString(ctx.body, 'email') ?? '',
            inviteCode: bodyString(ctx.body, 'inviteCode'),
            setupCode: bodyString(ctx.body, 'setupCode')
          });
          if (!ticket.allowed) throw new APIError('FORBIDDEN', { message: ticket.refusal });
          signUpTickets.set(request, ticket);
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const request = ctx.request;
        const session = ctx.context.newSession;
        if (ctx.path === '/sign-in/email') {
          const count = request && signInCounts.get(request);
          if (count && session) await forgiveSignIn(deps, count);
          if (session) {
            await recordAudit(deps, {
              actorUserId: session.user.id,
              action: 'auth.sign_in',
              ipAddress: session.session.ipAddress ?? null
            });
          }
        }
      })
    },
    databaseHooks: {
      user: {
        create: {
          // Inside the sign-up transaction: every query goes through its adapter (PGlite has one connection).
          before: async (user, ctx) => {
            if (!ctx) throw new Error('Accounts are created through better-auth endpoints only.');
            const ticket = ctx.request && signUpTickets.get(ctx.request);
            if (ctx.request && !ticket) throw new APIError('FORBIDDEN', { message: 'This sign-up was refused.' });
            if (ticket?.spends && !(await spend(ctx.context.adapter, ticket.spends))) {
              throw new APIError('FORBIDDEN', { message: ticket.refusal });
            }
            const role = ticket?.role ?? ((await isFirstAccount(ctx.context.adapter)) ? 'admin' : 'user');
            return { data: { ...user, email: user.email.toLowerCase(), role } };
          },
          after: async (user) => onAccountCreated(deps, { userId: user.id })
        }
      },
      session: {
        create: {
          before: async (session, ctx) => {
            if (!ctx) throw new Error('Sessions are created through better-auth endpoints only.');
            const adapter = await getCurrentAdapter(ctx.context.adapter);
            const owner = await adapter.findOne<{ disabledAt: Date | null }>({
              model: 'user',
              where: [{ field: 'id', value: session.userId }]
            });
            if (!owner || owner.disabledAt) {
              throw new APIError('FORBIDDEN', { message: 'This account is disabled; ask an admin.' });
            }
          }
        }
      }
    }
  });
}

/** Server-side account creation (headless setup, CLI) skips the policy; the first account is still the admin. */
async function isFirstAccount(fallback: DBAdapter): Promise<boolean> {
  const adapter = await getCurrentAdapter(fallback);
  const others = await adapter.count({
    model: 'user',
    where: [{ field: 'email', operator: 'ne', value: PRE_ACCOUNTS_USER_EMAIL }]
  });
  return others === 0;
}

export type Auth = ReturnType<typeof createAuth>;
