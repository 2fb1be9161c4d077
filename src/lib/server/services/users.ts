import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import type { Deps } from './deps';

/** Who is calling. Until accounts exist every door acts as the one local user. */
export type Actor = { id: string; email: string; role: 'admin' | 'user' };

export const LOCAL_USER_EMAIL = 'local@atelier.invalid';

/** The single local user, created on first use. */
export async function ensureLocalUser(deps: Pick<Deps, 'db'>): Promise<Actor> {
  const [inserted] = await deps.db
    .insert(users)
    .values({ email: LOCAL_USER_EMAIL, displayName: 'Local user', role: 'admin' })
    .onConflictDoNothing({ target: users.email })
    .returning();
  const row = inserted ?? (await deps.db.select().from(users).where(eq(users.email, LOCAL_USER_EMAIL)))[0];
  if (!row) throw new Error('The local user could not be created.');
  return { id: row.id, email: row.email, role: row.role };
}
