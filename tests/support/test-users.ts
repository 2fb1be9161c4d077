import { users, type UserRole } from '$lib/server/db/schema';
import type { Deps } from '$lib/server/services/deps';
import { loadActor, type Actor } from '$lib/server/services/users';

let counter = 0;

/** A real user row (no password: tests that sign in go through better-auth instead). */
export async function createTestUser(
  deps: Pick<Deps, 'db'>,
  options: { email?: string; role?: UserRole; policy?: Partial<typeof users.$inferInsert> } = {}
): Promise<Actor> {
  counter += 1;
  const [row] = await deps.db
    .insert(users)
    .values({
      email: options.email ?? `user-${process.pid}-${counter}@example.test`,
      displayName: `Test user ${counter}`,
      role: options.role ?? 'user',
      ...options.policy
    })
    .returning();
  const actor = row && (await loadActor(deps, row.id));
  if (!actor) throw new Error('test user could not be created');
  return actor;
}
