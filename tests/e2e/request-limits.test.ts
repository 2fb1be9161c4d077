import { randomFillSync } from 'node:crypto';
import { createTRPCClient, httpLink } from '@trpc/client';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppRouter } from '$lib/server/api';
import { encodeRgba, MAX_IMAGE_BYTES } from '$lib/server/images';
import { DEFAULT_BODY_SIZE_LIMIT_BYTES } from '../../scripts/body-size-limit.js';

/**
 * What every door does with bodies it should not read: too large (adapter-node's BODY_SIZE_LIMIT, 40M as
 * `npm start` sets it), not JSON, without a content type, a tRPC batch above the cap, and no credentials;
 * and that an image upload of nearly MAX_IMAGE_BYTES, the largest Atelier takes, is not refused for its size.
 */
const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;

/** Just over the default limit, sent with its Content-Length (refused before a byte is read). */
const OVERSIZED = JSON.stringify({ prompt: 'x'.repeat(DEFAULT_BODY_SIZE_LIMIT_BYTES) });
const STREAMED_BYTES = 100 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(0x20);
/**
 * A server that stops at the limit answers before the client has sent the whole body. How far past the
 * limit the client got depends on socket buffers and scheduling (58–79 MB measured on these machines, also
 * on the code of the previous issue), so only "before all of it" is a property, not a byte count.
 */
const STOPPED_AT_LIMIT = STREAMED_BYTES;

const tooLarge = {
  code: 413,
  kind: 'too_large',
  message: expect.stringMatching(new RegExp(`larger than .*${DEFAULT_BODY_SIZE_LIMIT_BYTES} bytes`))
};

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', ...headers },
    body
  });
  return { status: response.status, body: await response.json() };
}

async function historyTotal(): Promise<number> {
  const response = await fetch(`${serverUrl}/api/images/history?limit=1`, { headers: { authorization } });
  return (await response.json()).total;
}

/**
 * POSTs a 100 MB body produced on demand, without Content-Length, and reports the answer and how much of
 * the body the server had pulled when it answered (the rest is never produced).
 */
async function postStreamed(path: string, headers: Record<string, string>, contentType = 'application/json') {
  let produced = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= STREAMED_BYTES) return controller.close();
      produced += CHUNK.byteLength;
      controller.enqueue(CHUNK);
    }
  });
  const response = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
    duplex: 'half'
  } as RequestInit);
  const producedWhenAnswered = produced;
  const answer = await response.json();
  await body.cancel().catch(() => undefined);
  return { status: response.status, body: answer, producedWhenAnswered };
}

describe('bodies over the size limit', () => {
  it.each(['/api/images/generate', '/api/images/estimate'])(
    'should answer POST %s with 413 too_large in the seed error envelope',
    async (path) => {
      const { status, body } = await post(path, OVERSIZED);

      expect(status).toBe(413);
      expect(body).toStrictEqual({ success: false, ...tooLarge });
    }
  );

  it('should answer a tRPC call with 413 too_large in error.data', async () => {
    const { status, body } = await post('/api/trpc/images.generate', OVERSIZED);

    expect(status).toBe(413);
    expect(body.error.data.error).toStrictEqual(tooLarge);
  });

  it("should answer better-auth's endpoints with 413 too_large", async () => {
    const { status, body } = await post('/api/auth/sign-in/email', OVERSIZED, { origin: serverUrl });

    expect(status).toBe(413);
    expect(body).toStrictEqual(tooLarge);
  });

  it('should answer the Replicate webhook with 413 too_large', async () => {
    const { status, body } = await post('/webhooks/replicate', OVERSIZED);

    expect(status).toBe(413);
    expect(body).toStrictEqual(tooLarge);
  });

  it.each([
    ['/api/images/generate', 'application/json'],
    ['/api/images/upload', 'application/json'],
    ['/api/images/upload', 'multipart/form-data; boundary=atelier-e2e']
  ])('should stop reading a streamed 100 MB body to %s (%s) at the limit', async (path, contentType) => {
    const { status, body, producedWhenAnswered } = await postStreamed(path, { authorization }, contentType);

    expect(status).toBe(413);
    expect(body).toStrictEqual({ success: false, ...tooLarge, message: expect.stringMatching(/larger than/) });
    expect(producedWhenAnswered).toBeLessThan(STOPPED_AT_LIMIT);
  });
});

describe('credentials before bodies', () => {
  it('should refuse an unauthenticated streamed 100 MB POST with 401 without reading it', async () => {
    const { status, body, producedWhenAnswered } = await postStreamed('/api/images/generate', {});

    expect(status).toBe(401);
    expect(body).toMatchObject({ success: false, code: 401, kind: 'unauthorized' });
    expect(producedWhenAnswered).toBeLessThan(STREAMED_BYTES / 4);
  });

  it('should refuse an unauthenticated oversized POST with 401, not 413', async () => {
    const response = await fetch(`${serverUrl}/api/images/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: OVERSIZED
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, kind: 'unauthorized' });
  });
});

describe('bodies that are not JSON', () => {
  it('should answer REST with validation, saying the body is not JSON', async () => {
    const { status, body } = await post('/api/images/generate', 'prompt=cat');

    expect(status).toBe(400);
    expect(body).toStrictEqual({
      success: false,
      code: 400,
      kind: 'validation',
      message: expect.stringMatching(/not valid JSON/)
    });
  });

  it('should answer tRPC with validation, saying the body is not JSON', async () => {
    const { status, body } = await post('/api/trpc/images.generate', '{"prompt": "unterminated');

    expect(status).toBe(400);
    expect(body.error.data.error).toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/not valid JSON/)
    });
  });

  it('should answer a tRPC POST without content-type with a 4xx error, not 500', async () => {
    const response = await fetch(`${serverUrl}/api/trpc/images.generate`, {
      method: 'POST',
      headers: { authorization },
      body: new Blob([JSON.stringify({ prompt: 'cat' })])
    });
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.error.data.error).toMatchObject({ kind: 'validation', message: expect.stringMatching(/content-type/) });
  });
});

describe('tRPC batches', () => {
  const batchOf = (size: number, path: string) =>
    `${serverUrl}/api/trpc/${Array.from({ length: size }, () => path).join(',')}?batch=1`;

  it('should refuse a batch of 11 calls before any of them runs', async () => {
    const before = await historyTotal();
    const input = Object.fromEntries(
      Array.from({ length: 11 }, (_, index) => [index, { prompt: 'batched', size: '256x256' }])
    );

    const response = await fetch(batchOf(11, 'images.generate'), {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(input)
    });
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.error.data.error).toStrictEqual({
      code: 400,
      kind: 'validation',
      message: expect.stringMatching(/at most 10 calls/)
    });
    expect(await historyTotal()).toBe(before);
  });

  it('should answer a batch of 10 calls', async () => {
    const input = encodeURIComponent(JSON.stringify({}));
    const response = await fetch(`${batchOf(10, 'system.health')}&input=${input}`, { headers: { authorization } });

    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(10);
  });
});

describe('an upload of nearly MAX_IMAGE_BYTES', () => {
  /** Noise does not compress: a 2400×2400 PNG of it is ~24.7 MB, as base64 ~33 MB. */
  const SIDE = 2400;
  let bytes: Uint8Array;

  beforeAll(async () => {
    const pixels = randomFillSync(new Uint8Array(SIDE * SIDE * 4));
    for (let alpha = 3; alpha < pixels.length; alpha += 4) pixels[alpha] = 255;
    bytes = await encodeRgba(pixels, SIDE, SIDE);
    expect(bytes.byteLength).toBeGreaterThan(MAX_IMAGE_BYTES * 0.9);
    expect(bytes.byteLength).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
  }, 60_000);

  const stored = { width: SIDE, height: SIDE, provider: 'upload' };

  it('should be stored from REST multipart/form-data', async () => {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'noise.png');
    const response = await fetch(`${serverUrl}/api/images/upload`, {
      method: 'POST',
      headers: { authorization },
      body: form
    });

    expect(response.status).toBe(200);
    expect((await response.json()).image).toMatchObject(stored);
  }, 60_000);

  it('should be stored from REST JSON as base64', async () => {
    const image = Buffer.from(bytes).toString('base64');
    const { status, body } = await post('/api/images/upload', JSON.stringify({ image, name: 'noise' }));

    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body.image).toMatchObject(stored);
  }, 60_000);

  it('should be stored from tRPC as base64', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${serverUrl}/api/trpc`, headers: { authorization } })]
    });

    const { image } = await client.images.upload.mutate({ image: Buffer.from(bytes).toString('base64') });

    expect(image).toMatchObject(stored);
  }, 60_000);
});
