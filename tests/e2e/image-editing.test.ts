import { beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeRgba, encodeRgba } from '$lib/server/images';
import { createApiKeyOverHttp, signIn } from '../support/e2e-auth';

/**
 * The editing REST paths on the shared built server with nothing configured (the `local` provider only),
 * reached with an API key as a program would: uploads (multipart and JSON), variations, inpaint with a
 * base64 mask, upscale, restyle, remove background, and what each must refuse.
 */
const serverUrl = inject('serverUrl');
const adminKey = inject('apiKey');

type Answer = { status: number; body: Record<string, unknown> };
type Image = Record<string, unknown> & { id: string; url: string; width: number; height: number };

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, body: await response.json() };
}

async function post(path: string, body: unknown, key = adminKey): Promise<Answer> {
  const response = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  });
  return answerOf(response);
}

async function postForm(path: string, form: FormData, key = adminKey): Promise<Answer> {
  const response = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form
  });
  return answerOf(response);
}

/** A `width`×`height` PNG: a diagonal gradient. */
async function png(width: number, height: number): Promise<Uint8Array> {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0, offset = 0; y < height; y++) {
    for (let x = 0; x < width; x++, offset += 4) pixels.set([x * 3, y * 3, 160, 255], offset);
  }
  return encodeRgba(pixels, width, height);
}

/** A `side`×`side` PNG of one grey `value`, opaque. */
async function greyPng(side: number, value: number): Promise<Uint8Array> {
  const pixels = new Uint8Array(side * side * 4);
  for (let offset = 0; offset < pixels.length; offset += 4) pixels.set([value, value, value, 255], offset);
  return encodeRgba(pixels, side, side);
}

/** A black mask with a white square in the middle (white = change), at a size other than the image's. */
async function centreMask(side: number): Promise<string> {
  const pixels = new Uint8Array(side * side * 4);
  for (let y = 0, offset = 0; y < side; y++) {
    for (let x = 0; x < side; x++, offset += 4) {
      const inside = Math.abs(x - side / 2) < side / 4 && Math.abs(y - side / 2) < side / 4;
      pixels.set(inside ? [255, 255, 255, 255] : [0, 0, 0, 255], offset);
    }
  }
  return Buffer.from(await encodeRgba(pixels, side, side)).toString('base64');
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function imagesOf(answer: Answer): Image[] {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body).toMatchObject({ success: true, count: expect.any(Number), warnings: expect.any(Array) });
  const images = answer.body.images as Image[];
  expect(answer.body.count).toBe(images.length);
  return images;
}

async function fetchedSize(image: Image) {
  expect(image.url.startsWith(`${serverUrl}/`), image.url).toBe(true);
  const file = await fetch(image.url);
  expect(file.status).toBe(200);
  const { width, height } = await decodeRgba(new Uint8Array(await file.arrayBuffer()));
  return { width, height };
}

let source: Image;

beforeAll(async () => {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(await png(96, 64))], { type: 'image/png' }), 'source.png');
  form.append('name', 'a gradient');
  const { status, body } = await postForm('/api/images/upload', form);
  if (status !== 200) throw new Error(`upload failed with ${status}: ${JSON.stringify(body)}`);
  source = (body as { image: Image }).image;
});

describe('POST /api/images/upload', () => {
  it('should store a multipart file as an upload in the library, with an absolute url', async () => {
    expect(source).toMatchObject({
      provider: 'upload',
      model: 'upload',
      editType: 'upload',
      prompt: 'a gradient',
      width: 96,
      height: 64,
      parentImageId: null
    });
    expect(await fetchedSize(source)).toStrictEqual({ width: 96, height: 64 });
  });

  it('should store a JSON body with base64 bytes and answer { success, image }', async () => {
    const { status, body } = await post('/api/images/upload', { image: base64(await png(40, 30)), name: 'json' });

    expect(status, JSON.stringify(body)).toBe(200);
    expect(Object.keys(body).sort()).toStrictEqual(['image', 'success']);
    expect(body.image).toMatchObject({ provider: 'upload', prompt: 'json', width: 40, height: 30 });
  });

  it("should take a multipart upload with the studio's cookie from its own origin only", async () => {
    const cookie = await signIn(serverUrl);
    const send = async (origin?: string) => {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(await png(8, 8))], { type: 'image/png' }), 'x.png');
      const headers = { cookie, ...(origin !== undefined && { origin }) };
      return (await fetch(`${serverUrl}/api/images/upload`, { method: 'POST', headers, body: form })).status;
    };

    expect(await send(serverUrl)).toBe(200);
    expect(await send('https://evil.example')).toBe(403);
    expect(await send()).toBe(403);
  });

  it('should refuse a multipart body without the image field', async () => {
    const form = new FormData();
    form.append('name', 'no file');

    const { status, body } = await postForm('/api/images/upload', form);

    expect(status).toBe(400);
    expect(body).toMatchObject({ success: false, kind: 'validation', message: expect.stringMatching(/image/) });
  });
});

describe('the operations on local', () => {
  it('should make variations of an image named by its url, each a new image with its parent', async () => {
    const images = imagesOf(
      await post('/api/images/variations', { imageUrl: source.url, count: 2, provider: 'local', strength: 0.75 })
    );

    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image).toMatchObject({ parentImageId: source.id, editType: 'variation', strength: 0.75 });
      expect(image.id).not.toBe(source.id);
    }
  });

  it('should inpaint the white area of a base64 mask of another size, keeping the size', async () => {
    const [image] = imagesOf(
      await post('/api/images/edit', {
        imageUrl: source.id,
        prompt: 'a red kite',
        editType: 'inpaint',
        mask: await centreMask(32),
        strength: 0.6
      })
    );

    expect(image).toMatchObject({ parentImageId: source.id, editType: 'inpaint', strength: 0.6, provider: 'local' });
    expect(await fetchedSize(image!)).toStrictEqual({ width: 96, height: 64 });
  });

  it('should upscale 2x with Lanczos', async () => {
    const [image] = imagesOf(
      await post('/api/images/upscale', { imageUrl: source.url, scale: 2, provider: 'local', model: 'lanczos' })
    );

    expect(image).toMatchObject({ parentImageId: source.id, editType: 'upscale', model: 'lanczos' });
    expect(await fetchedSize(image!)).toStrictEqual({ width: 192, height: 128 });
  });

  it('should restyle with a named look', async () => {
    const [image] = imagesOf(await post('/api/images/restyle', { image: source.id, look: 'warm-film' }));

    expect(image).toMatchObject({ parentImageId: source.id, editType: 'style', model: 'color-transfer' });
    expect(await fetchedSize(image!)).toStrictEqual({ width: 96, height: 64 });
  });

  it('should refuse to remove a background without a provider that can, naming the providers that can', async () => {
    const { status, body } = await post('/api/images/remove-background', { imageUrl: source.id });

    expect(status).toBe(422);
    expect(body).toMatchObject({ success: false, code: 422, kind: 'unsupported' });
    expect(body.message).toMatch(/stability/i);
  });
});

describe('refusals', () => {
  it("should answer another user's image as not found", async () => {
    const email = `editor-${Date.now()}@e2e.test`;
    const password = 'editor-password';
    const invite = await fetch(`${serverUrl}/api/trpc/admin.createInvite`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email })
    });
    const { code } = (await invite.json()).result.data;
    const signUp = await fetch(`${serverUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: serverUrl },
      body: JSON.stringify({ name: 'Editor', email, password, inviteCode: code })
    });
    expect(signUp.status).toBe(200);
    const otherKey = await createApiKeyOverHttp(serverUrl, await signIn(serverUrl, { email, password }), [
      'read',
      'generate'
    ]);

    for (const imageUrl of [source.id, source.url]) {
      const { status, body } = await post('/api/images/upscale', { imageUrl, model: 'lanczos' }, otherKey);
      expect(status, imageUrl).toBe(404);
      expect(body).toMatchObject({ success: false, kind: 'not_found' });
    }
  });

  it.each([
    ['bytes that are no image', async () => base64(new TextEncoder().encode('not a png at all')), /not a readable/],
    ['an empty mask (all black)', async () => base64(await greyPng(8, 0)), /mask/i]
  ])('should refuse a mask of %s with 400', async (_name, mask, message) => {
    const { status, body } = await post('/api/images/edit', {
      imageUrl: source.id,
      prompt: 'a kite',
      editType: 'inpaint',
      mask: await mask()
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({ success: false, kind: 'validation', message: expect.stringMatching(message) });
  });

  it('should refuse a NUL byte in the prompt and in a multipart name with 400', async () => {
    const edit = await post('/api/images/edit', {
      imageUrl: source.id,
      prompt: 'a\u0000kite',
      mask: await centreMask(8)
    });
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(await png(8, 8))], { type: 'image/png' }), 'x.png');
    form.append('name', 'nul\u0000name');
    const upload = await postForm('/api/images/upload', form);

    for (const { status, body } of [edit, upload]) {
      expect(status).toBe(400);
      expect(body).toMatchObject({ success: false, kind: 'validation', message: expect.stringMatching(/NUL/) });
    }
  });

  it('should name the seed field when the image is missing, and point editType upscale at its path', async () => {
    const missing = await post('/api/images/edit', { prompt: 'a kite', editType: 'inpaint' });
    const elsewhere = await post('/api/images/edit', { imageUrl: source.id, editType: 'upscale' });

    expect(missing).toMatchObject({
      status: 400,
      body: { kind: 'validation', message: expect.stringMatching(/imageUrl/) }
    });
    expect(elsewhere).toMatchObject({
      status: 400,
      body: { kind: 'validation', message: expect.stringContaining('POST /api/images/upscale') }
    });
  });
});
