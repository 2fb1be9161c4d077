import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys, users, verifications } from '$lib/server/db/schema';
import { createActorCaller } from '$lib/server/api/root';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { MAX_NAME_LENGTH } from './names';
import { errorOf } from '$tests/support/procedure-errors';

const ORIGIN = 'http://atelier.test';
const password = 'correct-horse-battery';
const tooLong = 'n'.repeat(MAX_NAME_LENGTH + 1);
const BAD_NAMES = [
  ['too long', tooLong],
  ['a NUL byte', 'Ada\u0000Lovelace'],
  ['a line break', 'Ada\nLovelace'],
  ['only spaces', '   ']
] as const;

function authRequest(deps: TestDeps, path: string, body: unknown, headers: Record<string, string> = {}) {
  return deps.auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body)
    })
  );
}

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL: ORIGIN } });
  await createActorCaller(deps, deps.actor).admin.updateSettings({ signUpPolicy: 'open' });
});
afterEach(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)('display names through better-auth', () => {
  it.each(BAD_NAMES)('should refuse a sign-up whose name is %s, creating no account', async (_, name) => {
    const response = await authRequest(deps, '/sign-up/email', { name, email: 'new@example.com', password });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 400, kind: 'validation', message: expect.any(String) });
    expect(await deps.db.select().from(users).where(eq(users.email, 'new@example.com'))).toStrictEqual([]);
  });

  it(`should accept a name of ${MAX_NAME_LENGTH} characters`, async () => {
    const name = 'é'.repeat(MAX_NAME_LENGTH);

    const response = await authRequest(deps, '/sign-up/email', { name, email: 'long@example.com', password });

    expect(response.status).toBe(200);
    const [row] = await deps.db.select().from(users).where(eq(users.email, 'long@example.com'));
    expect(row?.displayName).toBe(name);
  });

  it('should refuse renaming an account to a name that is too long or holds control characters', async () => {
    const signUp = await authRequest(deps, '/sign-up/email', { name: 'Ada', email: 'ada@example.com', password });
    const cookie = signUp.headers
      .getSetCookie()
      .find((value) => value.includes('session_token='))!
      .split(';')[0]!;

    const statuses = [];
    for (const [, name] of BAD_NAMES) {
      statuses.push((await authRequest(deps, '/update-user', { name }, { cookie })).status);
    }
    const fine = await authRequest(deps, '/update-user', { name: 'Ada L.' }, { cookie });

    expect(statuses).toStrictEqual(BAD_NAMES.map(() => 400));
    expect(fine.status).toBe(200);
    const [row] = await deps.db.select().from(users).where(eq(users.email, 'ada@example.com'));
    expect(row?.displayName).toBe('Ada L.');
  });
});

describe.skipIf(postgresUnavailable)('names and texts an admin or a key owner types', () => {
  it.each(BAD_NAMES)('should refuse an API key name that is %s, storing no key', async (_, name) => {
    const studio = createActorCaller(deps, deps.actor, { authMethod: 'session' });

    const refusal = await errorOf(studio.keys.create({ name, scopes: ['read'] }));

    expect(refusal).toMatchObject({ kind: 'validation', message: expect.stringContaining('name') });
    expect(await deps.db.select().from(apiKeys)).toStrictEqual([]);
  });

  it('should refuse an invite for an address longer than an email can be', async () => {
    const admin = createActorCaller(deps, deps.actor, { authMethod: 'session' });

    const refusal = await errorOf(admin.admin.createInvite({ email: `${'a'.repeat(250)}@example.com` }));

    expect(refusal.kind).toBe('validation');
    expect(await deps.db.select().from(verifications)).toStrictEqual([]);
  });

  it('should refuse provider and model ids with control characters before they reach the database', async () => {
    const admin = createActorCaller(deps, deps.actor, { authMethod: 'session' });
    const user = await createTestUser(deps);

    const refusal = await errorOf(
      admin.admin.updateUser({ id: user.id, patch: { allowedModels: ['local/\u0000procedural'] } })
    );

    expect(refusal.kind).toBe('validation');
    const [row] = await deps.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.allowedModels).toBeNull();
  });
});
