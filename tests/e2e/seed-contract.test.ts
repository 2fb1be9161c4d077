import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeRgba } from '$lib/server/images';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake';
import { freePort, startBuiltServer, type BuiltServer } from '../support/built-server';
import { createApiKeyOverHttp, raiseDefaultLimits, signIn } from '../support/e2e-auth';

/**
 * The seed's REST contract (shared/seed-api.md), path by path, as a client of the service Atelier replaces
 * sees it: `success` on every answer, `count`, absolute fetchable `url`s, the provider id the caller sent.
 * The suite's own server has the OpenAI fake (for the seed's `dalle3`) and a PUBLIC_URL that differs from
 * the address requests go to, so the URLs must come from PUBLIC_URL; the shared server has no PUBLIC_URL,
 * so its URLs come from the request's origin.
 */

let openai: OpenAIFake;
let server: BuiltServer;
let publicUrl: string;
let authorization: string;

beforeAll(async () => {
  openai = await startOpenAIFake();
  const port = await freePort();
  publicUrl = `http://localhost:${port}`;
  server = await startBuiltServer({
    port,
    env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl, PUBLIC_URL: publicUrl }
  });
  // The studio trusts only its PUBLIC_URL as a browser origin.
  const apiKey = await createApiKeyOverHttp(publicUrl, await signIn(publicUrl), ['read', 'generate', 'admin']);
  await raiseDefaultLimits(server.url, apiKey);
  authorization = `Bearer ${apiKey}`;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await openai?.close();
});

type Answer = { status: number; contentType: string | null; body: Record<string, unknown> };

async function call(
  path: string,
  init: { method?: string; body?: unknown; anonymous?: boolean } = {}
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(!init.anonymous && { authorization }),
      ...(init.body !== undefined && { 'content-type': 'application/json' })
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) })
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
}

type SeedImage = Record<string, unknown> & {
  id: string;
  url: string;
  thumbnailUrl: string | null;
  provider: string;
  parentImageId: string | null;
};

const SEED_IMAGE_FIELDS = ['id', 'url', 'prompt', 'revisedPrompt', 'provider', 'model', 'size', 'createdAt'];

/** Every seed field present, and both URLs absolute and served by the studio. */
async function expectSeedImage(image: SeedImage, base: string): Promise<void> {
  for (const field of SEED_IMAGE_FIELDS) expect(image, field).toHaveProperty(field);
  for (const url of [image.url, image.thumbnailUrl!]) {
    expect(url.startsWith(`${base}/`), url).toBe(true);
    const file = await fetch(url);
    expect(file.status, url).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^image\//);
  }
}

const errorEnvelope = (code: number, kind: string, message: RegExp = /./) => ({
  success: false,
  code,
  kind,
  message: expect.stringMatching(message)
});

describe('POST /api/images/generate', () => {
  it('should answer success, images and count, with absolute URLs from PUBLIC_URL', async () => {
    const { status, body } = await call('/api/images/generate', {
      body: { prompt: 'seed contract harbour', provider: 'local', size: '256x256', count: 2, seed: 3 }
    });

    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, count: 2, warnings: expect.any(Array) });
    const images = body.images as SeedImage[];
    expect(images).toHaveLength(2);
    for (const image of images) await expectSeedImage(image, publicUrl);
    expect(images[0]).toMatchObject({ provider: 'local', size: '256x256', prompt: 'seed contract harbour' });
  });

  it('should answer the provider id the caller sent: dalle3 stays dalle3, model is what ran', async () => {
    const { status, body } = await call('/api/images/generate', {
      body: { prompt: 'seed client', provider: 'dalle3', quality: 'hd', style: 'vivid' }
    });

    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ success: true, count: 1 });
    const [image] = body.images as SeedImage[];
    expect(image).toMatchObject({ provider: 'dalle3', model: 'gpt-image-2' });
    await expectSeedImage(image!, publicUrl);
  });

  it('should answer a bad request with success false beside the error shape', async () => {
    const { status, body } = await call('/api/images/generate', { body: { prompt: '' } });

    expect(status).toBe(400);
    expect(body).toStrictEqual(errorEnvelope(400, 'validation', /Write a prompt/));
  });

  it('should refuse a caller without credentials with success false', async () => {
    const { status, body } = await call('/api/images/generate', { body: { prompt: 'cat' }, anonymous: true });

    expect(status).toBe(401);
    expect(body).toStrictEqual(errorEnvelope(401, 'unauthorized'));
  });
});

describe('GET /api/images/history', () => {
  it('should answer success, the images of this page, count, total, nextCursor and userId', async () => {
    const first = await call('/api/images/history?limit=1');
    const userId = first.body.userId as string;

    const { status, body } = await call(`/api/images/history?userId=${userId}&limit=50&offset=0`);

    expect(status).toBe(200);
    const images = body.images as SeedImage[];
    expect(images.length).toBeGreaterThanOrEqual(3);
    expect(body).toMatchObject({ success: true, count: images.length, total: images.length, userId });
    expect(body).toHaveProperty('nextCursor', null);
    for (const image of images) await expectSeedImage(image, publicUrl);
    expect(first.body).toMatchObject({ success: true, count: 1, nextCursor: expect.any(String) });
  });

  it("should refuse another user's id with success false", async () => {
    const { status, body } = await call('/api/images/history?userId=00000000-0000-4000-8000-000000000000');

    expect(status).toBe(404);
    expect(body).toStrictEqual(errorEnvelope(404, 'not_found'));
  });

  it('should narrow by the search filters given as query parameters', async () => {
    const { status, body } = await call('/api/images/history?text=harbours&provider=local&seed=3&hasParent=false');

    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, count: 1, total: 1, totalExact: true, nextCursor: null });
    expect((body.images as SeedImage[])[0]).toMatchObject({ prompt: 'seed contract harbour', seed: 3 });
  });

  it('should refuse a filter it cannot read with success false', async () => {
    const { status, body } = await call('/api/images/history?favorite=maybe');

    expect(status).toBe(400);
    expect(body).toStrictEqual(errorEnvelope(400, 'validation', /favorite must be true or false/));
  });
});

describe('GET /api/images/search', () => {
  it('should answer success, the matching images, count, total and a cursor to the next page', async () => {
    const query = '/api/images/search?text=%22contract+harbour%22+-client&sort=oldest&limit=1';
    const first = await call(query);
    const second = await call(`${query}&cursor=${first.body.nextCursor as string}`);

    expect(first.status).toBe(200);
    // A full first page does not count: its total is the planner's estimate, and says so.
    expect(first.body).toMatchObject({ success: true, count: 1, total: { exact: false } });
    expect(second.body).toMatchObject({ success: true, count: 1, nextCursor: null });
    const [older, newer] = [first.body, second.body].map((body) => (body.images as SeedImage[])[0]!);
    expect(newer!.id).not.toBe(older!.id);
    for (const image of [older!, newer!]) await expectSeedImage(image, publicUrl);
  });

  it('should refuse a cursor of another sort with success false', async () => {
    const { body } = await call('/api/images/search?sort=oldest&limit=1');
    const { status, body: refusal } = await call(`/api/images/search?limit=1&cursor=${body.nextCursor as string}`);

    expect(status).toBe(400);
    expect(refusal).toStrictEqual(errorEnvelope(400, 'validation', /sorted by oldest/));
  });
});

describe('GET /api/images/providers', () => {
  it('should answer success and the providers with what each can do', async () => {
    const { status, body } = await call('/api/images/providers');

    expect(status).toBe(200);
    expect(body.success).toBe(true);
    const providers = body.providers as Array<{ id: string; models: Array<{ operations: string[] }> }>;
    expect(providers.map((provider) => provider.id).sort()).toStrictEqual(['local', 'openai']);
    expect(providers[0]!.models[0]!.operations).toContain('generate');
  });
});

describe('GET /api/images/health', () => {
  it('should answer success and the status without credentials', async () => {
    const { status, body } = await call('/api/images/health', { anonymous: true });

    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, status: 'ok' });
  });

  it('should answer success and each provider to a signed-in caller', async () => {
    const { status, body } = await call('/api/images/health');

    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, status: 'ok' });
    const providers = body.providers as Array<{ id: string }>;
    expect(providers.map((provider) => provider.id).sort()).toStrictEqual(['local', 'openai']);
  });
});

/** A black mask with a white left half, base64 as the seed sent masks. */
async function seedMask(): Promise<string> {
  const side = 16;
  const pixels = new Uint8Array(side * side * 4);
  for (let pixel = 0; pixel < side * side; pixel++) {
    const value = pixel % side < side / 2 ? 255 : 0;
    pixels.set([value, value, value, 255], pixel * 4);
  }
  return Buffer.from(await encodeRgba(pixels, side, side)).toString('base64');
}

describe('the seed editing paths', () => {
  let source: SeedImage;

  beforeAll(async () => {
    const { body } = await call('/api/images/generate', {
      body: { prompt: 'seed edit source', provider: 'local', size: '256x256', seed: 5 }
    });
    source = (body.images as SeedImage[])[0]!;
  });

  async function expectSeedEditAnswer(path: string, request: object): Promise<SeedImage[]> {
    const { status, body } = await call(path, { body: request });

    expect(status, JSON.stringify(body)).toBe(200);
    const images = body.images as SeedImage[];
    expect(body).toMatchObject({ success: true, count: images.length });
    expect(images.length).toBeGreaterThanOrEqual(1);
    for (const image of images) await expectSeedImage(image, publicUrl);
    return images;
  }

  it('should answer POST /api/images/edit with success, images and count, each image with its parentImageId', async () => {
    const images = await expectSeedEditAnswer('/api/images/edit', {
      imageUrl: source.url,
      prompt: 'a hat',
      editType: 'inpaint',
      mask: await seedMask(),
      strength: 0.5
    });

    expect(images.map((image) => image.parentImageId)).toStrictEqual([source.id]);
  });

  it('should answer POST /api/images/variations with count images, each with its parentImageId', async () => {
    const images = await expectSeedEditAnswer('/api/images/variations', {
      imageUrl: source.url,
      count: 2,
      provider: 'local'
    });

    expect(images.map((image) => image.parentImageId)).toStrictEqual([source.id, source.id]);
  });

  it('should answer POST /api/images/upscale with the image at twice the size, with its parentImageId', async () => {
    const images = await expectSeedEditAnswer('/api/images/upscale', {
      imageUrl: source.url,
      scale: 2,
      provider: 'local'
    });

    expect(images).toMatchObject([{ parentImageId: source.id, size: '512x512' }]);
  });

  it('should take a data: URL as imageUrl, as seed callers sent', async () => {
    const file = await fetch(source.url);
    const dataUrl = `data:image/png;base64,${Buffer.from(await file.arrayBuffer()).toString('base64')}`;

    const { status, body } = await call('/api/images/variations', { body: { imageUrl: dataUrl, provider: 'local' } });

    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ success: true, count: 1 });
    const [image] = body.images as SeedImage[];
    expect(image!.parentImageId).toEqual(expect.any(String));
    expect(image!.parentImageId).not.toBe(source.id);
  });

  it('should answer an edit without imageUrl with success false, naming imageUrl', async () => {
    const { status, body } = await call('/api/images/edit', { body: { prompt: 'a hat', editType: 'inpaint' } });

    expect(status).toBe(400);
    expect(body).toStrictEqual(errorEnvelope(400, 'validation', /imageUrl/));
  });

  it.each(['/api/images/edit', '/api/images/variations', '/api/images/upscale'])(
    'should check credentials on POST %s first',
    async (path) => {
      const { status, body } = await call(path, { body: { imageUrl: source.url }, anonymous: true });

      expect(status).toBe(401);
      expect(body).toStrictEqual(errorEnvelope(401, 'unauthorized'));
    }
  );
});

describe('POST /api/images/analyze', () => {
  it('should analyze a library image named by the url Atelier returned, answering the analysis at the top level', async () => {
    const generated = await call('/api/images/generate', {
      body: { prompt: 'seed analyze source', provider: 'local', size: '256x256' }
    });
    const source = (generated.body.images as SeedImage[])[0]!;

    const { status, body } = await call('/api/images/analyze', { body: { imageUrl: source.url } });

    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ success: true, imageId: source.id, costUsd: 0, source: 'local' });
    expect(body.description).toEqual(expect.any(String));
    expect(body.tags).toEqual(expect.arrayContaining(['square']));
    expect(body.palette).toEqual(expect.arrayContaining([expect.objectContaining({ hex: expect.any(String) })]));
  });

  it('should analyze a data: URL without keeping it: a solid red image is red', async () => {
    const red = new Uint8Array(64 * 64 * 4).map((_, index) => (index % 4 === 0 || index % 4 === 3 ? 255 : 0));
    const imageUrl = `data:image/png;base64,${Buffer.from(await encodeRgba(red, 64, 64)).toString('base64')}`;

    const { status, body } = await call('/api/images/analyze', { body: { imageUrl } });

    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ success: true, imageId: null, tags: ['square', 'red', 'plain'] });
  });

  it('should answer a body without imageUrl with success false, naming imageUrl', async () => {
    const { status, body } = await call('/api/images/analyze', { body: {} });

    expect(status).toBe(400);
    expect(body).toStrictEqual(errorEnvelope(400, 'validation', /imageUrl/));
  });

  it('should check credentials first', async () => {
    const { status, body } = await call('/api/images/analyze', { body: { imageUrl: 'x' }, anonymous: true });

    expect(status).toBe(401);
    expect(body).toStrictEqual(errorEnvelope(401, 'unauthorized'));
  });
});

describe('POST /api/images/enhance-prompt', () => {
  it('should answer the seed shape (enhancedPrompt, suggestions, tags) from the local enhancer without a key', async () => {
    const { status, body } = await call('/api/images/enhance-prompt', { body: { prompt: 'a cat on a red sofa' } });

    expect(status).toBe(200);
    expect(body).toMatchObject({
      success: true,
      enhancedPrompt: expect.stringMatching(/^a cat on a red sofa, /),
      suggestions: expect.arrayContaining([expect.any(String), expect.any(String)]),
      tags: ['cat', 'red', 'sofa'],
      source: 'local',
      model: null,
      costUsd: 0
    });
  });

  it('should answer a missing prompt with success false, naming prompt', async () => {
    const { status, body } = await call('/api/images/enhance-prompt', { body: {} });

    expect(status).toBe(400);
    expect(body).toStrictEqual(errorEnvelope(400, 'validation', /prompt/));
  });

  it('should check credentials first', async () => {
    const { status, body } = await call('/api/images/enhance-prompt', { body: { prompt: 'a cat' }, anonymous: true });

    expect(status).toBe(401);
    expect(body).toStrictEqual(errorEnvelope(401, 'unauthorized'));
  });
});

describe('the shared server without PUBLIC_URL', () => {
  const sharedUrl = inject('serverUrl');
  const sharedKey = inject('apiKey');

  it("should make image URLs absolute from the request's origin", async () => {
    const response = await fetch(`${sharedUrl}/api/images/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sharedKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'origin urls', size: '256x256' })
    });
    const body = (await response.json()) as { success: boolean; images: SeedImage[] };

    expect(response.status).toBe(200);
    await expectSeedImage(body.images[0]!, sharedUrl);
  });
});
