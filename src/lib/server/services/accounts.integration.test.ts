import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { bootstrapAdmin, findStdioUser } from './accounts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps?.close();
});

function withAuth(auth: Partial<TestDeps['config']['auth']>): TestDeps {
  return { ...deps, config: { ...deps.config, auth: { ...deps.config.auth, ...auth } } };
}

describe.skipIf(postgresUnavailable)('bootstrapAdmin', () => {
  it('should create the admin from the environment once, and only when no account exists', async () => {
    await deps.db.delete(users);
    const configured = withAuth({ bootstrapAdmin: { email: 'boss@example.com', password: 'boss-password-1' } });

    await bootstrapAdmin(configured);
    await bootstrapAdmin(configured);

    const rows = await deps.db.select().from(users);
    expect(rows.map((row) => [row.email, row.role])).toStrictEqual([['boss@example.com', 'admin']]);
  });

  it('should leave an instance that already has accounts alone', async () => {
    await bootstrapAdmin(withAuth({ bootstrapAdmin: { email: 'late@example.com', password: 'late-password' } }));

    expect(await deps.db.select().from(users).where(eq(users.email, 'late@example.com'))).toStrictEqual([]);
  });
});

describe.skipIf(postgresUnavailable)('findStdioUser', () => {
  it('should act as the first admin when ATELIER_USER is not set', async () => {
    await createTestUser(deps, { role: 'admin' });

    expect((await findStdioUser(deps)).id).toBe(deps.actor.id);
  });

  it('should act as the account ATELIER_USER names, with every scope of its role', async () => {
    const user = await createTestUser(deps);

    const actor = await findStdioUser(withAuth({ stdioUserEmail: user.email }));

    expect(actor).toMatchObject({ id: user.id, scopes: ['read', 'generate'] });
  });

  it.each([
    ['an unknown', 'nobody@example.com'],
    ['a disabled', 'gone@example.com']
  ])('should refuse %s ATELIER_USER by name', async (_kind, email) => {
    await deps.db.insert(users).values({ email: 'gone@example.com', displayName: 'Gone', disabledAt: new Date() });

    await expect(findStdioUser(withAuth({ stdioUserEmail: email }))).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringContaining(email)
    });
  });
});
