import { and, asc, eq, isNull } from 'drizzle-orm';
import { users } from '../db/schema';
import { AppError } from '../errors';
import type { Deps } from './deps';
import { createSetupCode, needsFirstAdmin } from './sign-up';
import { findUserByEmail, loadActor, type Actor } from './users';

/** Headless setup: `ATELIER_ADMIN_EMAIL` + `ATELIER_ADMIN_PASSWORD` create the admin when no account exists. */
export async function bootstrapAdmin(deps: Pick<Deps, 'config' | 'db' | 'auth' | 'log'>): Promise<void> {
  const admin = deps.config.auth.bootstrapAdmin;
  if (!admin || !(await needsFirstAdmin(deps))) return;
  await deps.auth.api.signUpEmail({ body: { email: admin.email, password: admin.password, name: 'Admin' } });
  deps.log.info({ email: admin.email }, 'created the admin account from ATELIER_ADMIN_EMAIL');
}

/**
 * First run without ATELIER_ADMIN_*: the admin is created over HTTP with a one-time code that only the
 * server's log shows, so a stranger who reaches the instance first cannot take it over.
 */
export async function offerFirstRunSetup(deps: Pick<Deps, 'config' | 'db' | 'log' | 'clock'>): Promise<void> {
  if (deps.config.auth.bootstrapAdmin || !(await needsFirstAdmin(deps))) return;
  const code = await createSetupCode(deps);
  deps.log.warn(
    `No admin account yet: open ${deps.config.auth.origins[0]}/setup?code=${code} to create it ` +
      '(the link works once, for 24 hours; every start prints a new one), or set ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD.'
  );
}

/**
 * The account a local process acts as (MCP over stdio, the CLI): the one the CLI names with `email`,
 * else `ATELIER_USER`, else the first admin.
 */
export async function findStdioUser(deps: Pick<Deps, 'config' | 'db'>, email?: string): Promise<Actor> {
  if (email) return activeAccount(deps, email, email);
  const configured = deps.config.auth.stdioUserEmail;
  if (configured) return activeAccount(deps, configured, `ATELIER_USER=${configured}`);
  const [firstAdmin] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .orderBy(asc(users.createdAt))
    .limit(1);
  const actor = firstAdmin && (await loadActor(deps, firstAdmin.id));
  if (!actor) {
    throw new AppError(
      'unauthorized',
      'No admin account exists yet: open the studio to create it, or set ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD.'
    );
  }
  return actor;
}

async function activeAccount(deps: Pick<Deps, 'db'>, email: string, named: string): Promise<Actor> {
  const row = await findUserByEmail(deps, email);
  const actor = row && (await loadActor(deps, row.id));
  if (!actor) throw new AppError('unauthorized', `${named} is not an active Atelier account.`);
  return actor;
}
