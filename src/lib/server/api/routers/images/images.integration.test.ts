import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedImages } from '$lib/server/db/schema';
import { AppError } from '$lib/server/errors';
import { createLocalProvider } from '$lib/server/providers/local';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import type { BlobStore } from '$lib/server/storage/types';
import { listFiles } from '$tests/support/files';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createActorCaller } from '../../root';
import { errorOf } from '$tests/support/procedure-errors';

function callerFor(deps: TestDeps, user = deps.actor) {
  return createActorCaller(deps, user);
}

/** A provider whose `generate` does what the test says, for failure paths the local renderer never takes. */
function scriptedProvider(generate: ImageProviderV1['generate']): ImageProviderV1 {
  const local = createLocalProvider();
  return {
    ...local,
    id: 'scripted',
    label: 'Scripted',
    models: local.models,
    defaultModel: local.defaultModel,
    generate
  };
}

let deps: TestDeps;
afterEach(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)('images.generate', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
  });

  it('should store a completed image with its files and full metadata', async () => {
    const sut = callerFor(deps);
    const { images, warnings } = await sut.images.generate({
      prompt: 'a red lighthouse at dusk',
      size: '512x512',
      seed: 42
    });

    expect(warnings).toStrictEqual([]);
    expect(images).toHaveLength(1);
    const [image] = images;
    expect(image).toMatchObject({
      status: 'completed',
      prompt: 'a red lighthouse at dusk',
      provider: 'local',
      model: 'procedural-v1',
      size: '512x512',
      width: 512,
      height: 512,
      format: 'png',
      seed: 42,
      costUsd: 0,
      errorMessage: null
    });
    expect(image!.fileSize).toBeGreaterThan(1000);
    expect(image!.generationTimeMs).toBeGreaterThanOrEqual(0);
    expect(image!.completedAt).not.toBeNull();
    expect(image!.url).toMatch(/^\/files\/images\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.png$/);
    expect(image!.thumbnailUrl).toMatch(/-thumb\.webp$/);
    const files = await listFiles(deps.storageRoot);
    expect(files).toStrictEqual(
      [image!.url!.replace('/files/', ''), image!.thumbnailUrl!.replace('/files/', '')].sort()
    );

    expect(await sut.images.get({ id: image!.id })).toStrictEqual(image);
  });

  it('should split a count above maxImagesPerCall into several calls with consecutive seeds', async () => {
    const calls: number[] = [];
    const local = createLocalProvider();
    await deps.close();
    deps = await createTestDeps({
      providers: [
        {
          ...local,
          generate: (call) => {
            calls.push(call.count);
            return local.generate(call);
          }
        }
      ]
    });
    const maxPerCall = local.models[0]!.maxImagesPerCall;
    const count = maxPerCall + 2;

    const { images } = await callerFor(deps).images.generate({ prompt: 'tide pools', size: '256x256', seed: 7, count });

    expect(calls).toStrictEqual([maxPerCall, 2]);
    expect(images.map((image) => image.seed)).toStrictEqual(Array.from({ length: count }, (_, index) => 7 + index));
    expect(new Set(images.map((image) => image.id)).size).toBe(count);
    expect(await listFiles(deps.storageRoot)).toHaveLength(count * 2);
  });

  it.each([
    ['an empty prompt', { prompt: '   ' }, /prompt: Write a prompt/],
    ['a 4001-character prompt', { prompt: 'x'.repeat(4001) }, /4000 characters/],
    ['count 0', { prompt: 'cat', count: 0 }, /count must be at least 1/],
    ['count 11', { prompt: 'cat', count: 11 }, /at most 10 images/],
    ['an unknown provider', { prompt: 'cat', provider: 'dall-e-9' }, /Unknown provider "dall-e-9"/],
    ['an unknown model', { prompt: 'cat', model: 'sdxl' }, /no model "sdxl"/],
    ['a size the model cannot do', { prompt: 'cat', size: '1000x1000' }, /Size 1000x1000 is not available/],
    ['a malformed size', { prompt: 'cat', size: 'big' }, /Size must look like 1024x1024/]
  ])('should refuse %s as validation and leave no row or file', async (_name, input, message) => {
    const body = await errorOf(callerFor(deps).images.generate(input));

    expect(body.kind).toBe('validation');
    expect(body.code).toBe(400);
    expect(body.message).toMatch(message);
    expect(await deps.db.select().from(generatedImages)).toStrictEqual([]);
    expect(await listFiles(deps.storageRoot)).toStrictEqual([]);
  });

  it('should mark the rows failed and keep no file when the provider fails', async () => {
    await deps.close();
    deps = await createTestDeps({
      providers: [
        scriptedProvider(async () => {
          throw new AppError('content_policy', 'The provider refused the prompt: violence.');
        })
      ]
    });

    const body = await errorOf(callerFor(deps).images.generate({ prompt: 'a duel', count: 2 }));

    expect(body).toStrictEqual({
      code: 422,
      kind: 'content_policy',
      message: 'The provider refused the prompt: violence.'
    });
    const rows = await deps.db.select().from(generatedImages);
    expect(rows.map((row) => [row.status, row.errorMessage])).toStrictEqual([
      ['failed', 'The provider refused the prompt: violence.'],
      ['failed', 'The provider refused the prompt: violence.']
    ]);
    expect(await listFiles(deps.storageRoot)).toStrictEqual([]);
  });

  it('should fail a row whose bytes are not an image, without files, and keep the good ones', async () => {
    await deps.close();
    const local = createLocalProvider();
    deps = await createTestDeps({
      providers: [
        scriptedProvider(async (call) => {
          const result = await local.generate(call);
          const [first, ...rest] = result.images;
          return {
            ...result,
            images: [{ ...first!, bytes: new TextEncoder().encode('<html>not an image</html>') }, ...rest]
          };
        })
      ]
    });

    const { images } = await callerFor(deps).images.generate({ prompt: 'two moons', size: '256x256', count: 2 });

    expect(images.map((image) => image.status).sort()).toStrictEqual(['completed', 'failed']);
    const failed = images.find((image) => image.status === 'failed')!;
    expect(failed.errorMessage).toMatch(/not a decodable|not an image|PNG, JPEG or WebP/i);
    expect(failed.url).toBeNull();
    expect(await listFiles(deps.storageRoot)).toHaveLength(2);
  });

  it('should delete the blobs already written when storing fails midway', async () => {
    const realStorage = deps.storage;
    const failingThumbnails: BlobStore = {
      ...realStorage,
      put: async (key, bytes) => {
        if (key.endsWith('-thumb.webp')) throw new Error('disk full');
        return realStorage.put(key, bytes);
      }
    };
    const sut = createActorCaller({ ...deps, storage: failingThumbnails }, deps.actor);

    const body = await errorOf(sut.images.generate({ prompt: 'lost', size: '256x256' }));

    expect(body.kind).toBe('provider_error');
    expect(await listFiles(deps.storageRoot)).toStrictEqual([]);
    const [row] = await deps.db.select().from(generatedImages);
    expect(row).toMatchObject({ status: 'failed', storagePath: null, thumbnailPath: null });
  });
});

describe.skipIf(postgresUnavailable)('images.history and images.get', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
  });

  it('should page newest first by offset and by cursor, counting only the caller’s images', async () => {
    const sut = callerFor(deps);
    for (const prompt of ['first', 'second', 'third']) await sut.images.generate({ prompt, size: '256x256' });

    const byOffset = await sut.images.history({ limit: 2, offset: 1 });
    expect(byOffset.images.map((image) => image.prompt)).toStrictEqual(['second', 'first']);
    expect(byOffset.total).toBe(3);

    const firstPage = await sut.images.history({ limit: 2 });
    expect(firstPage.images.map((image) => image.prompt)).toStrictEqual(['third', 'second']);
    const secondPage = await sut.images.history({ limit: 2, cursor: firstPage.nextCursor! });
    expect(secondPage.images.map((image) => image.prompt)).toStrictEqual(['first']);
    expect(secondPage.nextCursor).toBeNull();
  });

  it("should answer another user's image id exactly like a missing one", async () => {
    const mine = (await callerFor(deps).images.generate({ prompt: 'private', size: '256x256' })).images[0]!;
    const asOther = callerFor(deps, await createTestUser(deps));

    const foreign = await errorOf(asOther.images.get({ id: mine.id }));
    const missing = await errorOf(asOther.images.get({ id: randomUUID() }));

    expect(foreign.kind).toBe('not_found');
    expect(foreign.message.replace(mine.id, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
    expect((await asOther.images.history({ limit: 10 })).images).toStrictEqual([]);
    expect((await errorOf(asOther.images.content({ id: mine.id, variant: 'full' }))).kind).toBe('not_found');
    const [stillThere] = await deps.db.select().from(generatedImages).where(eq(generatedImages.id, mine.id));
    expect(stillThere?.status).toBe('completed');
  });

  it('should refuse a forged cursor with a validation error', async () => {
    const body = await errorOf(callerFor(deps).images.history({ limit: 5, cursor: 'bm90LWEtY3Vyc29y' }));
    expect(body.kind).toBe('validation');
  });

  it('should return the bytes of a stored image for doors that need them inline', async () => {
    const sut = callerFor(deps);
    const image = (await sut.images.generate({ prompt: 'inline', size: '256x256' })).images[0]!;

    const full = await sut.images.content({ id: image.id, variant: 'full' });
    const thumbnail = await sut.images.content({ id: image.id, variant: 'thumbnail' });

    expect(full.mediaType).toBe('image/png');
    expect(Buffer.from(full.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(thumbnail.mediaType).toBe('image/webp');
    expect(existsSync(join(deps.storageRoot, image.thumbnailUrl!.replace('/files/', '')))).toBe(true);
  });
});

describe.skipIf(postgresUnavailable)('providers.list and system.health', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
  });

  it('should describe the local provider honestly with its capabilities', async () => {
    const [local] = await callerFor(deps).providers.list();
    expect(local).toMatchObject({ id: 'local', defaultModel: 'procedural-v1' });
    expect(local!.kind).toMatch(/procedural/i);
    expect(local!.kind).toMatch(/not a diffusion model/i);
    expect(local!.models[0]!.operations).toStrictEqual(['generate', 'inpaint', 'variation']);
    expect(local!.models[0]!.sizes).toContain('1024x1024');
  });

  it('should report the database reachable', async () => {
    const health = await callerFor(deps).system.health();
    expect(health).toMatchObject({ status: 'ok', database: { kind: deps.databaseKind, ok: true } });
  });
});
