import { eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys, auditLog, sessions, users } from '$lib/server/db/schema';
import { SIGN_IN_ATTEMPTS } from '$lib/server/services/auth';
import { createApiKey } from '$lib/server/services/api-keys';
import type { ApiKeyScope } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/services/users';
import { postgresUnavailable } from '../../../../tests/support/database';
import { createTestDeps, type TestDeps } from '../../../../tests/support/test-deps';
import { createTestUser } from '../../../../tests/support/test-users';
import { toErrorBody } from './middlewares/error-mapping';
import { createCaller } from './root';
import { contextFromRequest, createActorCaller } from './server-context';

const ORIGIN = 'http://atelier.test';

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    return toErrorBody(error);
  }
  throw new Error('expected the call to fail');
}

/** A call of better-auth's HTTP endpoint, as the studio's sign-in page makes it. */
function authRequest(deps: TestDeps, path: string, body: unknown, headers: Record<string, string> = {}) {
  return deps.auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body)
    })
  );
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => value.includes('session_token='));
  if (!cookie) throw new Error(`no session cookie in ${response.status} answer`);
  return cookie.split(';')[0]!;
}

async function callerWith(deps: TestDeps, headers: Record<string, string>, method = 'POST') {
  return createCaller(await contextFromRequest(deps, new Request(`${ORIGIN}/api/trpc/x`, { method, headers }), null));
}

async function bearerCaller(deps: TestDeps, secret: string) {
  return callerWith(deps, { authorization: `Bearer ${secret}` });
}

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)('API keys', () => {
  let user: Actor;
  const keyFor = async (scopes: ApiKeyScope[]) => (await createApiKey(deps, user, { name: 'test', scopes })).secret;

  beforeEach(async () => {
    user = await createTestUser(deps);
  });

  it('should store only a hash of the secret and show its prefix', async () => {
    const { key, secret } = await createApiKey(deps, user, { name: 'laptop', scopes: ['read'] });

    const [row] = await deps.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(secret).toMatch(/^atk_[\w-]{32}$/);
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    expect(secret.startsWith(key.prefix)).toBe(true);
  });

  it('should let a read key browse but not generate, and never manage keys', async () => {
    const api = await bearerCaller(deps, await keyFor(['read']));

    expect((await api.images.history({ limit: 5 })).images).toStrictEqual([]);
    expect(await errorOf(api.images.generate({ prompt: 'x', size: '256x256' }))).toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('"generate" scope')
    });
    expect((await errorOf(api.keys.list())).kind).toBe('forbidden');
  });

  it('should let a generate key generate and record when it was last used', async () => {
    const secret = await keyFor(['read', 'generate']);
    const { images } = await (await bearerCaller(deps, secret)).images.generate({ prompt: 'x', size: '256x256' });

    expect(images[0]?.status).toBe('completed');
    expect((await createActorCaller(deps, user).keys.list())[0]?.lastUsedAt).not.toBeNull();
  });

  it('should refuse an admin scope to a user who is not an admin', async () => {
    await expect(createApiKey(deps, user, { name: 'x', scopes: ['admin'] })).rejects.toMatchObject({
      kind: 'forbidden'
    });
  });

  it('should refuse a revoked key on the very next request', async () => {
    const { key, secret } = await createApiKey(deps, user, { name: 'x', scopes: ['read'] });
    await (await bearerCaller(deps, secret)).images.history({});

    await createActorCaller(deps, user).keys.revoke({ id: key.id });

    expect((await errorOf((await bearerCaller(deps, secret)).images.history({}))).kind).toBe('unauthorized');
  });

  it('should refuse an unknown or malformed key instead of falling back to anonymous access', async () => {
    for (const header of ['Bearer atk_not-a-real-key', 'Bearer', 'Basic dXNlcjpwYXNz']) {
      const body = await errorOf((await callerWith(deps, { authorization: header })).images.history({}));
      expect(body.kind).toBe('unauthorized');
    }
  });

  it("should revoke a disabled user's keys and sessions at once", async () => {
    const secret = await keyFor(['read']);
    const admin = createActorCaller(deps, deps.actor);

    await admin.admin.updateUser({ id: user.id, patch: { disabled: true } });

    expect((await errorOf((await bearerCaller(deps, secret)).images.history({}))).kind).toBe('unauthorized');
    expect(await deps.db.select().from(sessions).where(eq(sessions.userId, user.id))).toStrictEqual([]);
  });
});

describe.skipIf(postgresUnavailable)('sign-up and sign-in', () => {
  const password = 'correct-horse-battery';

  it('should make the first account the admin and later ones plain users', async () => {
    await deps.db.delete(users);

    const first = await authRequest(deps, '/sign-up/email', { name: 'A', email: 'a@example.com', password });
    const second = await authRequest(deps, '/sign-up/email', { name: 'B', email: 'b@example.com', password });

    expect([first.status, second.status]).toStrictEqual([200, 200]);
    const roles = await deps.db.select({ email: users.email, role: users.role }).from(users);
    expect(roles.sort((x, y) => x.email.localeCompare(y.email))).toStrictEqual([
      { email: 'a@example.com', role: 'admin' },
      { email: 'b@example.com', role: 'user' }
    ]);
  });

  it('should follow the sign-up policy: closed refuses, invite needs a valid single-use code', async () => {
    const admin = createActorCaller(deps, deps.actor);
    await admin.admin.updateSettings({ signUpPolicy: 'closed' });
    const closed = await authRequest(deps, '/sign-up/email', { name: 'C', email: 'c@example.com', password });
    expect(closed.status).toBe(403);

    await admin.admin.updateSettings({ signUpPolicy: 'invite' });
    const { code } = await admin.admin.createInvite({ email: 'd@example.com' });
    const noCode = await authRequest(deps, '/sign-up/email', { name: 'D', email: 'd@example.com', password });
    const wrongEmail = await authRequest(deps, '/sign-up/email', {
      name: 'E',
      email: 'e@example.com',
      password,
      inviteCode: code
    });
    const invited = await authRequest(deps, '/sign-up/email', {
      name: 'D',
      email: 'd@example.com',
      password,
      inviteCode: code
    });
    const reused = await authRequest(deps, '/sign-up/email', {
      name: 'D2',
      email: 'd@example.com'.replace('d@', 'd2@'),
      password,
      inviteCode: code
    });

    expect([noCode.status, wrongEmail.status, invited.status, reused.status]).toStrictEqual([403, 403, 200, 403]);
  });

  it('should sign in with a cookie session that the API accepts, and write an audit row', async () => {
    await authRequest(deps, '/sign-up/email', { name: 'S', email: 's@example.com', password });
    const signIn = await authRequest(deps, '/sign-in/email', { email: 's@example.com', password });
    const cookie = sessionCookie(signIn);

    const me = await (await callerWith(deps, { cookie }, 'GET')).account.me();

    expect(me).toMatchObject({ email: 's@example.com', authMethod: 'session' });
    const actions = (await deps.db.select().from(auditLog)).map((entry) => entry.action);
    expect(actions).toContain('auth.sign_in');
  });

  it('should refuse a cookie-authenticated mutation from another origin', async () => {
    await authRequest(deps, '/sign-up/email', { name: 'S', email: 's@example.com', password });
    const cookie = sessionCookie(await authRequest(deps, '/sign-in/email', { email: 's@example.com', password }));

    const crossSite = await callerWith(deps, { cookie, origin: 'https://evil.example' });
    const sameSite = await callerWith(deps, { cookie, origin: ORIGIN });

    expect((await errorOf(crossSite.images.generate({ prompt: 'x', size: '256x256' }))).kind).toBe('forbidden');
    expect((await sameSite.images.generate({ prompt: 'x', size: '256x256' })).images).toHaveLength(1);
  });

  it(`should throttle sign-in after ${SIGN_IN_ATTEMPTS} attempts for one account, even with the right password`, async () => {
    await authRequest(deps, '/sign-up/email', { name: 'T', email: 't@example.com', password });

    const statuses: number[] = [];
    for (let attempt = 0; attempt < SIGN_IN_ATTEMPTS; attempt += 1) {
      statuses.push(
        (await authRequest(deps, '/sign-in/email', { email: 't@example.com', password: 'wrong-guess' })).status
      );
    }
    const blocked = await authRequest(deps, '/sign-in/email', { email: 'T@example.com', password });

    expect(statuses.every((status) => status === 401)).toBe(true);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('should not let a disabled account sign in', async () => {
    await authRequest(deps, '/sign-up/email', { name: 'U', email: 'u@example.com', password });
    await deps.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, 'u@example.com'));

    const signIn = await authRequest(deps, '/sign-in/email', { email: 'u@example.com', password });

    expect(signIn.status).toBe(403);
  });
});
