import { eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedImages, imageFavorites } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createActorCaller, type ApiCaller } from '../../root';

let deps: TestDeps;
let sut: ApiCaller;

async function starred(): Promise<string[]> {
  const rows = await deps.db.select().from(imageFavorites).where(eq(imageFavorites.userId, deps.actor.id));
  return rows.map((row) => row.imageId).sort();
}

describe.skipIf(postgresUnavailable)('images.favorite', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
    sut = createActorCaller(deps, deps.actor);
  });
  afterEach(async () => {
    await deps?.close();
  });

  it('should star and unstar images, a repeated request changing nothing more', async () => {
    const { images } = await sut.images.generate({ prompt: 'a lantern', size: '256x256', count: 2 });
    const [a, b] = images.map((image) => image.id) as [string, string];

    const first = await sut.images.favorite({ ids: [a, b, a] });
    const repeated = await sut.images.favorite({ ids: [a] });

    expect(first).toStrictEqual({ ids: [a, b], favorite: true });
    expect(repeated).toStrictEqual({ ids: [a], favorite: true });
    expect(await starred()).toStrictEqual([a, b].sort());
    expect((await sut.images.get({ id: a })).favorite).toBe(true);

    await sut.images.favorite({ ids: [a], favorite: false });
    await sut.images.favorite({ ids: [a], favorite: false });

    expect(await starred()).toStrictEqual([b]);
    expect((await sut.images.get({ id: a })).favorite).toBe(false);
  });

  it('should refuse the whole request when one id is missing', async () => {
    const { images } = await sut.images.generate({ prompt: 'a kite', size: '256x256' });
    const missing = '00000000-0000-4000-8000-000000000000';

    const error = await errorOf(sut.images.favorite({ ids: [images[0]!.id, missing] }));

    expect(error).toMatchObject({ kind: 'not_found', message: expect.stringContaining(missing) });
    expect(await starred()).toStrictEqual([]);
  });

  it('should let a trashed image be unstarred but not starred', async () => {
    const { images } = await sut.images.generate({ prompt: 'a teapot', size: '256x256', count: 2 });
    const [kept, fresh] = images.map((image) => image.id) as [string, string];
    await sut.images.favorite({ ids: [kept] });
    await deps.db
      .update(generatedImages)
      .set({ deletedAt: new Date() })
      .where(inArray(generatedImages.id, [kept, fresh]));

    const starring = await errorOf(sut.images.favorite({ ids: [fresh] }));
    const unstarring = await sut.images.favorite({ ids: [kept], favorite: false });

    expect(starring).toMatchObject({ kind: 'validation', message: expect.stringContaining('trash') });
    expect(unstarring).toStrictEqual({ ids: [kept], favorite: false });
    expect(await starred()).toStrictEqual([]);
  });
});
