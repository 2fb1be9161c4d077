import { eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys, assistantCalls, auditLog, imageReports, sessions, users, verifications } from '$lib/server/db/schema';
import {
  SIGN_IN_FAILURES_PER_EMAIL,
  SIGN_IN_FAILURES_PER_IP,
  SIGN_IN_WINDOW_MS
} from '$lib/server/services/sign-in-throttle';
import { waitForRoomInWindow } from '$lib/server/limits/rate-limiter-contract';
import { offerFirstRunSetup } from '$lib/server/services/accounts';
import { createApiKey } from '$lib/server/services/api-keys';
import type { ApiKeyScope } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/services/users';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createActorCaller, createCaller } from '../api/root';
import { answerAuthRequest } from './auth-endpoint';
import { contextFromRequest } from './context';
import { errorOf } from '$tests/support/procedure-errors';

const ORIGIN = 'http://atelier.test';
const CLIENT_IP = '203.0.113.7';

/** A call of better-auth's HTTP endpoint, as the studio's sign-in page makes it, from `ip`. */
function authRequest(
  deps: TestDeps,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  ip: string | null = CLIENT_IP
) {
  return answerAuthRequest(
    deps,
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body)
    }),
    ip
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
  deps = await createTestDeps({ env: { PUBLIC_URL: ORIGIN } });
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
  const admin = () => createActorCaller(deps, deps.actor);
  const signUp = (email: string, extra: Record<string, string> = {}, ip?: string) =>
    authRequest(deps, '/sign-up/email', { name: email.split('@')[0], email, password, ...extra }, {}, ip);
  const signIn = (email: string, attempt = password, ip?: string) =>
    authRequest(deps, '/sign-in/email', { email, password: attempt }, {}, ip);

  it('should make later accounts plain users under an open policy', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });

    expect((await signUp('b@example.com')).status).toBe(200);

    const [row] = await deps.db.select().from(users).where(eq(users.email, 'b@example.com'));
    expect(row?.role).toBe('user');
  });

  it('should need an invite by default on a fresh instance', async () => {
    expect((await admin().admin.getSettings()).signUpPolicy).toBe('invite');
    expect((await signUp('stranger@example.com')).status).toBe(403);
  });

  it('should follow the sign-up policy: closed refuses, invite needs a valid single-use code', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'closed' });
    expect((await signUp('c@example.com')).status).toBe(403);

    await admin().admin.updateSettings({ signUpPolicy: 'invite' });
    const { code } = await admin().admin.createInvite({ email: 'd@example.com' });
    const noCode = await signUp('d@example.com');
    const wrongEmail = await signUp('e@example.com', { inviteCode: code });
    const invited = await signUp('d@example.com', { inviteCode: code });
    const reused = await signUp('d2@example.com', { inviteCode: code });

    expect([noCode.status, wrongEmail.status, invited.status, reused.status]).toStrictEqual([403, 403, 200, 403]);
  });

  it('should make exactly one account from one single-use invite, whatever the race', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'invite' });
    const { code } = await admin().admin.createInvite({});

    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) => signUp(`racer-${index}@example.com`, { inviteCode: code }))
    );

    const racers = await deps.db.select().from(users).where(like(users.email, 'racer-%'));
    expect(racers).toHaveLength(1);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([200, 403, 403, 403, 403, 403, 403, 403]);
    expect(await deps.db.select().from(verifications).where(like(verifications.identifier, 'invite:%'))).toStrictEqual(
      []
    );
  });

  it('should keep an invite when the account it was meant for cannot be created', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'invite' });
    const { code } = await admin().admin.createInvite({});
    const taken = await createTestUser(deps);

    expect((await signUp(taken.email, { inviteCode: code })).status).toBe(403);
    expect((await signUp('newcomer@example.com', { inviteCode: code })).status).toBe(200);
  });

  it.each(['invite', 'closed'] as const)(
    'should answer a sign-up for an existing email like any refused one (policy %s)',
    async (policy) => {
      await admin().admin.updateSettings({ signUpPolicy: 'invite' });
      const { code } = await admin().admin.createInvite({});
      const taken = await createTestUser(deps);
      await admin().admin.updateSettings({ signUpPolicy: policy });

      const existing = await signUp(taken.email, { inviteCode: code });
      const refused = await signUp('new@example.com');

      const [existingBody, refusedBody] = [await existing.json(), await refused.json()];
      expect(existing.status).toBe(refused.status);
      expect(existingBody.message).toBe(refusedBody.message);
      expect(JSON.stringify(existingBody)).not.toMatch(/exist/i);
    }
  );

  it('should sign in with a cookie session that the API accepts, and write an audit row', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('s@example.com');
    const cookie = sessionCookie(await signIn('s@example.com'));

    const me = await (await callerWith(deps, { cookie }, 'GET')).account.me();

    expect(me).toMatchObject({ email: 's@example.com', authMethod: 'session' });
    const actions = (await deps.db.select().from(auditLog)).map((entry) => entry.action);
    expect(actions).toContain('auth.sign_in');
  });

  it('should refuse a cookie-authenticated mutation from another origin', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('s@example.com');
    const cookie = sessionCookie(await signIn('s@example.com'));

    const crossSite = await callerWith(deps, { cookie, origin: 'https://evil.example' });
    const sameSite = await callerWith(deps, { cookie, origin: ORIGIN });

    expect((await errorOf(crossSite.images.generate({ prompt: 'x', size: '256x256' }))).kind).toBe('forbidden');
    expect((await sameSite.images.generate({ prompt: 'x', size: '256x256' })).images).toHaveLength(1);
  });

  it('should refuse the enhance, analyze and report mutations from another origin, with the cookie, doing nothing', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('r@example.com');
    const cookie = sessionCookie(await signIn('r@example.com'));
    const sameSite = await callerWith(deps, { cookie, origin: ORIGIN });
    const [image] = (await sameSite.images.generate({ prompt: 'x', size: '256x256' })).images;
    const crossSite = await callerWith(deps, { cookie, origin: 'https://evil.example' });

    const refusals = await Promise.all([
      errorOf(crossSite.prompts.enhance({ prompt: 'a cat' })),
      errorOf(crossSite.images.analyze({ image: image!.id })),
      errorOf(crossSite.images.report({ id: image!.id, reason: 'spam' }))
    ]);

    expect(refusals.map((refusal) => refusal.kind)).toStrictEqual(['forbidden', 'forbidden', 'forbidden']);
    expect(await deps.db.select().from(imageReports)).toHaveLength(0);
    expect(await deps.db.select().from(assistantCalls)).toHaveLength(0);
    expect((await sameSite.images.get({ id: image!.id })).analysis).toBeNull();
  });

  it("should refuse better-auth's own state changes from a foreign origin, with the victim's cookie", async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('victim@example.com');
    const cookie = sessionCookie(await signIn('victim@example.com'));
    const evil = { cookie, origin: 'https://evil.example' };

    const rename = await authRequest(deps, '/update-user', { name: 'Pwned' }, evil);
    const signOut = await authRequest(deps, '/sign-out', {}, evil);

    expect([rename.status, signOut.status]).toStrictEqual([403, 403]);
    const [victim] = await deps.db.select().from(users).where(eq(users.email, 'victim@example.com'));
    expect(victim?.displayName).toBe('victim');
    expect(await (await callerWith(deps, { cookie }, 'GET')).account.me()).toMatchObject({ email: victim?.email });
  });

  it('should redirect only to its own paths', async () => {
    const get = (path: string) => answerAuthRequest(deps, new Request(`${ORIGIN}/api/auth${path}`), CLIENT_IP);
    const evil = encodeURIComponent('https://evil.example/phish');

    const answers = [
      await get(`/verify-email?token=forged&callbackURL=${evil}`),
      await get(`/reset-password/forged?callbackURL=${evil}`),
      await authRequest(deps, '/sign-in/email', {
        email: 'nobody@example.com',
        password,
        callbackURL: 'https://evil.example/phish'
      }),
      await get(`/verify-email?token=forged&callbackURL=${encodeURIComponent('//evil.example/phish')}`)
    ];

    for (const answer of answers) {
      expect(answer.headers.get('location') ?? '').not.toContain('evil.example');
      expect(answer.status).toBe(403);
    }
    const ownPath = await get(`/reset-password/forged?callbackURL=${encodeURIComponent('/account')}`);
    expect(new URL(ownPath.headers.get('location') ?? '', ORIGIN).pathname).toBe('/account');
  });

  it.each([
    ['served over http', {}, {}, ORIGIN, false],
    // adapter-node without ORIGIN or PROTOCOL_HEADER calls every request https, though it serves plain HTTP.
    ["at adapter-node's guessed https", {}, {}, 'https://atelier.test', false],
    [
      'at https that PROTOCOL_HEADER confirmed',
      { PROTOCOL_HEADER: 'x-forwarded-proto' },
      {},
      'https://atelier.test',
      true
    ],
    ['behind an https proxy that is not trusted', {}, { 'x-forwarded-proto': 'https' }, ORIGIN, false],
    ['behind a trusted https proxy', { TRUST_PROXY: 'true' }, { 'x-forwarded-proto': 'https' }, ORIGIN, true],
    ['at an https PUBLIC_URL', { PUBLIC_URL: 'https://atelier.example' }, {}, ORIGIN, true]
  ])('should set Secure cookies only when the browser uses https: %s', async (_case, env, headers, url, secure) => {
    await deps.close();
    deps = await createTestDeps({ env: { PUBLIC_URL: ORIGIN, ...env } });
    const origin = deps.config.auth.origins[0];
    await deps.auth.api.signUpEmail({ body: { name: 'S', email: 's@example.com', password } });

    const answer = await answerAuthRequest(
      deps,
      new Request(`${url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, ...headers },
        body: JSON.stringify({ email: 's@example.com', password })
      }),
      CLIENT_IP
    );

    const cookies = answer.headers.getSetCookie();
    expect(answer.status).toBe(200);
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((cookie) => /;\s*secure/i.test(cookie))).toBe(secure);
  });

  it('should not lock out a person who signs in and out again and again', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('t@example.com');

    const statuses: number[] = [];
    for (let round = 0; round < SIGN_IN_FAILURES_PER_EMAIL + 5; round += 1) {
      const answer = await signIn('t@example.com');
      statuses.push(answer.status);
      await authRequest(deps, '/sign-out', {}, { cookie: sessionCookie(answer) });
    }

    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it(`should lock an email after ${SIGN_IN_FAILURES_PER_EMAIL} wrong passwords, even with the right one, from any IP`, async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('t@example.com');
    await signUp('other@example.com');
    // Counts live in epoch-aligned windows; a window ending mid-test would forget them.
    await waitForRoomInWindow(SIGN_IN_WINDOW_MS, 90_000);

    const statuses: number[] = [];
    for (let attempt = 0; attempt < SIGN_IN_FAILURES_PER_EMAIL; attempt += 1) {
      statuses.push((await signIn('t@example.com', 'wrong-guess', `198.51.100.${attempt}`)).status);
    }
    const blocked = await signIn('T@example.com', password, '192.0.2.99');

    expect(statuses.every((status) => status === 401)).toBe(true);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn('other@example.com')).status).toBe(200);
  }, 240_000);

  it(`should lock an IP after ${SIGN_IN_FAILURES_PER_IP} wrong passwords across many emails`, async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('t@example.com');
    await waitForRoomInWindow(SIGN_IN_WINDOW_MS, 90_000);

    const guesses = await Promise.all(
      Array.from({ length: SIGN_IN_FAILURES_PER_IP }, (_, index) => signIn(`guess-${index}@example.com`, 'wrong'))
    );

    expect(guesses.map((answer) => answer.status)).toStrictEqual(Array(SIGN_IN_FAILURES_PER_IP).fill(401));
    expect((await signIn('t@example.com')).status).toBe(429);
    expect((await signIn('t@example.com', password, '192.0.2.99')).status).toBe(200);
  }, 240_000);

  it('should not let a disabled account sign in', async () => {
    await admin().admin.updateSettings({ signUpPolicy: 'open' });
    await signUp('u@example.com');
    await deps.db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, 'u@example.com'));

    expect((await signIn('u@example.com')).status).toBe(403);
  });
});

describe.skipIf(postgresUnavailable)('first run', () => {
  const password = 'correct-horse-battery';
  const signUp = (email: string, extra: Record<string, string> = {}) =>
    authRequest(deps, '/sign-up/email', { name: 'First', email, password, ...extra });

  async function setupCodeFromLog(): Promise<string> {
    const lines: string[] = [];
    const withLog = { ...deps, log: { ...deps.log, warn: (line: string) => lines.push(line) } as TestDeps['log'] };
    await offerFirstRunSetup(withLog);
    const code = /\/setup\?code=([\w-]+)/.exec(lines.join('\n'))?.[1];
    expect(lines.join('\n')).toContain(`${ORIGIN}/setup?code=`);
    if (!code) throw new Error(`no setup link in ${JSON.stringify(lines)}`);
    return code;
  }

  beforeEach(async () => {
    await deps.db.delete(users);
  });

  it('should create the first admin only with the one-time code from the log', async () => {
    const code = await setupCodeFromLog();

    const withoutCode = await signUp('eager@example.com');
    const wrongCode = await signUp('eager@example.com', { setupCode: 'guessed-code' });
    const withCode = await signUp('owner@example.com', { setupCode: code });
    const again = await signUp('late@example.com', { setupCode: code });

    expect([withoutCode.status, wrongCode.status, withCode.status, again.status]).toStrictEqual([403, 403, 200, 403]);
    const rows = await deps.db.select({ email: users.email, role: users.role }).from(users);
    expect(rows).toStrictEqual([{ email: 'owner@example.com', role: 'admin' }]);
    expect((await withoutCode.json()).message).toMatch(/setup link .* server's log/);
  });

  it('should make a new code at every start and forget the old one', async () => {
    const first = await setupCodeFromLog();
    const second = await setupCodeFromLog();

    expect(second).not.toBe(first);
    expect((await signUp('owner@example.com', { setupCode: first })).status).toBe(403);
    expect((await signUp('owner@example.com', { setupCode: second })).status).toBe(200);
  });

  it('should make exactly one admin from parallel sign-ups with the code', async () => {
    const code = await setupCodeFromLog();

    await Promise.all(
      Array.from({ length: 8 }, (_, index) => signUp(`owner-${index}@example.com`, { setupCode: code }))
    );

    expect(await deps.db.select().from(users)).toHaveLength(1);
  });

  it('should print no link when ATELIER_ADMIN_* will create the admin, or an admin exists', async () => {
    const lines: string[] = [];
    const log = { ...deps.log, warn: (line: string) => lines.push(line) } as TestDeps['log'];
    const headless = { ...deps.config, auth: { ...deps.config.auth, bootstrapAdmin: { email: 'a@b.c', password } } };

    await offerFirstRunSetup({ ...deps, log, config: headless });
    await createTestUser(deps, { role: 'admin' });
    await offerFirstRunSetup({ ...deps, log });

    expect(lines).toStrictEqual([]);
  });

  it('should tell strangers only whether setup is needed, not who or what is there', async () => {
    const status = await createCaller(
      await contextFromRequest(deps, new Request(`${ORIGIN}/x`), null)
    ).account.setupStatus();

    expect(Object.keys(status).sort()).toStrictEqual(['setupRequired', 'signUpPolicy']);
    expect(status.setupRequired).toBe(true);
  });
});
