import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut, signUp } from './auth';

function answer(status: number, body: string | null, headers: Record<string, string> = {}) {
  const fetchStub = vi.fn(async () => new Response(body, { status, headers }));
  vi.stubGlobal('fetch', fetchStub);
  return fetchStub;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe(signIn.name, () => {
  it('should post the credentials as JSON to better-auth and report success', async () => {
    const fetchStub = answer(200, '{"redirect":false}');

    const outcome = await signIn({ email: 'ada@example.com', password: 'correct-horse' });

    expect(outcome).toStrictEqual({ ok: true });
    expect(fetchStub).toHaveBeenCalledWith('/api/auth/sign-in/email', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"ada@example.com","password":"correct-horse"}'
    });
  });

  it("should pass on the server's message when it refuses", async () => {
    answer(401, '{"message":"Invalid email or password","code":"INVALID_EMAIL_OR_PASSWORD"}');

    expect(await signIn({ email: 'ada@example.com', password: 'wrong-password' })).toStrictEqual({
      ok: false,
      message: 'Invalid email or password'
    });
  });

  it('should say when to retry from Retry-After when a 429 has no message', async () => {
    answer(429, null, { 'retry-after': '42' });

    expect(await signIn({ email: 'ada@example.com', password: 'x' })).toStrictEqual({
      ok: false,
      message: 'Too many attempts; try again in 42 s.'
    });
  });

  it('should say which setting trusts the address when the server refuses the origin', async () => {
    answer(403, '{"message":"Invalid origin","code":"INVALID_ORIGIN"}');
    vi.stubGlobal('window', { location: { origin: 'http://192.168.1.5:3000' } });

    expect(await signIn({ email: 'ada@example.com', password: 'x' })).toStrictEqual({
      ok: false,
      message:
        'This Atelier does not accept sign-ins at http://192.168.1.5:3000; whoever runs it can set PUBLIC_URL to this address.'
    });
  });

  it('should name the status when the answer is not better-auth JSON', async () => {
    answer(502, '<html>Bad gateway</html>');

    const outcome = await signIn({ email: 'ada@example.com', password: 'x' });

    expect(outcome).toStrictEqual({
      ok: false,
      message: 'The server refused the request (HTTP 502); try again in a moment.'
    });
  });

  it('should say the server is unreachable when fetch itself fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      })
    );

    const outcome = await signIn({ email: 'ada@example.com', password: 'x' });

    expect(outcome).toStrictEqual({
      ok: false,
      message: 'Could not reach the server; check your connection and try again.'
    });
  });
});

describe(signUp.name, () => {
  it('should send the invite code with the new account', async () => {
    const fetchStub = answer(200, '{"token":"t"}');

    await signUp({ name: 'Ada', email: 'ada@example.com', password: 'correct-horse', inviteCode: 'abc' });

    expect(fetchStub.mock.calls[0]).toMatchObject([
      '/api/auth/sign-up/email',
      { body: '{"name":"Ada","email":"ada@example.com","password":"correct-horse","inviteCode":"abc"}' }
    ]);
  });
});

describe(signOut.name, () => {
  it('should post an empty JSON object, which better-auth requires', async () => {
    const fetchStub = answer(200, '{"success":true}');

    expect(await signOut()).toStrictEqual({ ok: true });
    expect(fetchStub.mock.calls[0]).toMatchObject(['/api/auth/sign-out', { method: 'POST', body: '{}' }]);
  });
});
