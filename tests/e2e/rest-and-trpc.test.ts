import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { describe, expect, inject, it } from 'vitest';
import type { AppRouter } from '$lib/server/api';
import { MAX_TRPC_BATCH_SIZE } from '$lib/server/api/http-limits';
import { createApiKeyOverHttp, signIn } from '../support/e2e-auth';

const serverUrl = inject('serverUrl');
const adminKey = inject('apiKey');

/** `fetch` on the server with an API key (the admin's unless another is given). */
function apiFetch(path: string, init: RequestInit = {}, apiKey = adminKey) {
  return fetch(`${serverUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${apiKey}`, ...(init.headers as Record<string, string>) }
  });
}

async function post(path: string, body: string, apiKey = adminKey) {
  const response = await apiFetch(
    path,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    apiKey
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function historyTotal(): Promise<number> {
  const response = await apiFetch('/api/images/history?limit=1');
  return (await response.json()).total;
}

describe('REST /api/images', () => {
  it('should generate an image that is served with immutable cache headers and listed in history', async () => {
    const { status, body } = await post(
      '/api/images/generate',
      JSON.stringify({ prompt: 'rest lighthouse', size: '256x256' })
    );

    expect(status).toBe(200);
    const [image] = body.images;
    expect(image).toMatchObject({ status: 'completed', prompt: 'rest lighthouse', width: 256, height: 256 });

    expect(image.url.startsWith(`${serverUrl}/files/`)).toBe(true);
    const file = await fetch(image.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = file.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(1, 4)
        .toString()
    ).toBe('PNG');
    const revalidated = await fetch(image.url, { headers: { 'if-none-match': etag! } });
    expect(revalidated.status).toBe(304);

    const history = await (await apiFetch('/api/images/history?limit=5&offset=0')).json();
    expect(history.images.map((entry: { id: string }) => entry.id)).toContain(image.id);
    expect(history.userId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['malformed JSON', '{"prompt": "unterminated', /not valid JSON/],
    ['an empty prompt', JSON.stringify({ prompt: '' }), /Write a prompt/],
    ['a 4001-character prompt', JSON.stringify({ prompt: 'x'.repeat(4001) }), /4000 characters/],
    ['count 0', JSON.stringify({ prompt: 'cat', count: 0 }), /at least 1/],
    ['count 11', JSON.stringify({ prompt: 'cat', count: 11 }), /at most 10/],
    ['an unknown provider', JSON.stringify({ prompt: 'cat', provider: 'nope' }), /Unknown provider "nope"/],
    ['a size the model cannot do', JSON.stringify({ prompt: 'cat', size: '1000x1000' }), /not available/]
  ])('should answer %s with 400 and the error shape, storing nothing', async (_name, raw, message) => {
    const before = await historyTotal();

    const { status, body } = await post('/api/images/generate', raw);

    expect(status).toBe(400);
    expect(body).toStrictEqual({
      success: false,
      code: 400,
      kind: 'validation',
      message: expect.stringMatching(message)
    });
    expect(await historyTotal()).toBe(before);
  });

  it("should refuse another user's id and nonsense paging with the error shape", async () => {
    const other = await apiFetch('/api/images/history?userId=00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect((await other.json()).kind).toBe('not_found');

    const nonsense = await apiFetch('/api/images/history?limit=-3');
    expect(nonsense.status).toBe(400);
    expect((await nonsense.json()).kind).toBe('validation');
  });

  it('should refuse path tricks on /files', async () => {
    for (const path of [
      '/files/../package.json',
      '/files/images/%2e%2e/%2e%2e/package.json',
      '/files/images/2026/11/x.png'
    ]) {
      const response = await fetch(`${serverUrl}${path}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('should list providers and report health with details to a signed-in caller', async () => {
    const providers = await (await apiFetch('/api/images/providers')).json();
    expect(providers.providers.map((provider: { id: string }) => provider.id)).toContain('local');

    const health = await apiFetch('/api/images/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      success: true,
      status: 'ok',
      database: { kind: 'pglite', ok: true },
      providers: [{ id: 'local', recent: { completed: expect.any(Number) } }]
    });
  });
});

describe('REST /api/images without a valid key', () => {
  it.each([
    ['no Authorization header', {}],
    ['an unknown key', { authorization: 'Bearer atk_unknown' }]
  ])('should answer %s with 401, WWW-Authenticate and the error shape', async (_name, headers) => {
    const response = await fetch(`${serverUrl}/api/images/history`, { headers });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ success: false, code: 401, kind: 'unauthorized' });
  });

  it('should still serve health to load balancers without a key, without naming providers or the database', async () => {
    const health = await fetch(`${serverUrl}/api/images/health`);

    expect(health.status).toBe(200);
    expect(await health.json()).toStrictEqual({ success: true, status: 'ok', checkedAt: expect.any(String) });
  });

  it('should answer system.health over tRPC without a key with the status only', async () => {
    const anonymous = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${serverUrl}/api/trpc` })] });

    expect(await anonymous.system.health.query()).toStrictEqual({ status: 'ok', checkedAt: expect.any(String) });
  });
});

describe('rate limits over REST', () => {
  it('should answer 429 with Retry-After and RateLimit-* once a user spent their generations per minute', async () => {
    const email = `limited-${Date.now()}@e2e.test`;
    const password = 'limited-password';
    const admin = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${serverUrl}/api/trpc`, headers: { authorization: `Bearer ${adminKey}` } })]
    });
    const { code } = await admin.admin.createInvite.mutate({ email });
    const signUp = await fetch(`${serverUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: serverUrl },
      body: JSON.stringify({ name: 'Limited', email, password, inviteCode: code })
    });
    expect(signUp.status).toBe(200);
    const userKey = await createApiKeyOverHttp(serverUrl, await signIn(serverUrl, { email, password }), ['generate']);
    const user = (await admin.admin.listUsers.query()).find((entry) => entry.email === email)!;
    await admin.admin.updateUser.mutate({ id: user.id, patch: { generatePerMinute: 1 } });
    const request = JSON.stringify({ prompt: 'limited', size: '256x256' });

    const first = await post('/api/images/generate', request, userKey);
    const second = await post('/api/images/generate', request, userKey);

    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('1');
    expect(first.headers.get('ratelimit-remaining')).toBe('0');
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ success: false, kind: 'rate_limited', retryAfterMs: expect.any(Number) });
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(second.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
  });
});

describe('typed tRPC client over HTTP', () => {
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${serverUrl}/api/trpc`, headers: { authorization: `Bearer ${adminKey}` } })]
  });

  it('should generate and then find the image through images.get and images.history', async () => {
    const { images } = await client.images.generate.mutate({ prompt: 'trpc tide pools', size: '256x256', seed: 11 });
    const image = images[0]!;

    expect(await client.images.get.query({ id: image.id })).toStrictEqual(image);
    const history = await client.images.history.query({ limit: 10 });
    expect(history.images.map((entry) => entry.id)).toContain(image.id);
  });

  it('should refuse a batch of more than MAX_TRPC_BATCH_SIZE calls, each with the error shape', async () => {
    const calls = Array.from({ length: MAX_TRPC_BATCH_SIZE + 1 }, () => client.system.health.query());

    const failures = (await Promise.allSettled(calls)).map((outcome) =>
      outcome.status === 'rejected' ? (outcome.reason as TRPCClientError<AppRouter>).data?.error : outcome.value
    );

    expect(failures).toStrictEqual(
      calls.map(() => ({ code: 400, kind: 'validation', message: expect.stringMatching(/at most 10 calls/) }))
    );
  });

  it('should carry the error shape in error.data with the HTTP status of its kind', async () => {
    const failure = await client.images.generate.mutate({ prompt: 'x'.repeat(4001) }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TRPCClientError);
    const clientError = failure as TRPCClientError<AppRouter>;
    expect(clientError.message).toMatch(/4000 characters/);
    expect(clientError.data?.httpStatus).toBe(400);
    expect(clientError.data?.error).toMatchObject({ code: 400, kind: 'validation' });
  });
});
