import { eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectionImages, generatedImages } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createActorCaller, type ApiCaller } from '../../root';

let deps: TestDeps;
let sut: ApiCaller;

async function makeImages(count: number): Promise<string[]> {
  const { images } = await sut.images.generate({ prompt: 'a harbour at dawn', size: '256x256', count });
  return images.map((image) => image.id);
}

async function idsIn(id: string): Promise<string[]> {
  return (await sut.collections.get({ id })).images.map((image) => image.id);
}

async function trash(ids: string[]) {
  await deps.db.update(generatedImages).set({ deletedAt: new Date() }).where(inArray(generatedImages.id, ids));
}

describe.skipIf(postgresUnavailable)('collections', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
    sut = createActorCaller(deps, deps.actor);
  });
  afterEach(async () => {
    await deps?.close();
  });

  it('should create, list, rename, describe and delete a collection while keeping its images', async () => {
    const images = await makeImages(2);

    const created = await sut.collections.create({ name: 'Harbours', description: 'Blue hour', imageIds: images });
    const renamed = await sut.collections.update({ id: created.id, name: 'Ports', description: null });
    const { collections } = await sut.collections.list();
    const deleted = await sut.collections.delete({ id: created.id });

    expect(created).toMatchObject({
      name: 'Harbours',
      description: 'Blue hour',
      imageCount: 2,
      coverImageId: images[0]
    });
    expect(created.coverThumbnailUrl).toMatch(/^\/files\//);
    expect(renamed).toMatchObject({ id: created.id, name: 'Ports', description: null, imageCount: 2 });
    expect(collections.map((collection) => collection.name)).toStrictEqual(['Ports']);
    expect(deleted).toStrictEqual({ id: created.id, imagesKept: 2 });
    expect((await sut.collections.list()).collections).toStrictEqual([]);
    for (const id of images) expect((await sut.images.get({ id })).status).toBe('completed');
    expect((await errorOf(sut.collections.get({ id: created.id }))).kind).toBe('not_found');
  });

  it('should refuse a second collection of the same name, naming the clash, and leave the first as it was', async () => {
    const first = await sut.collections.create({ name: 'Portraits' });
    const other = await sut.collections.create({ name: 'Landscapes' });

    const created = await errorOf(sut.collections.create({ name: 'Portraits' }));
    const renamed = await errorOf(sut.collections.update({ id: other.id, name: 'Portraits' }));

    expect(created).toMatchObject({ kind: 'validation', message: expect.stringContaining('"Portraits"') });
    expect(renamed).toMatchObject({ kind: 'validation', message: expect.stringContaining('"Portraits"') });
    expect((await sut.collections.list()).collections.map((collection) => collection.id).sort()).toStrictEqual(
      [first.id, other.id].sort()
    );
    expect((await sut.collections.update({ id: first.id, name: 'Portraits' })).name).toBe('Portraits');
  });

  it('should let only one of two collections renamed to the same name at once take it', async () => {
    const [left, right] = await Promise.all([
      sut.collections.create({ name: 'Left' }),
      sut.collections.create({ name: 'Right' })
    ]);

    const outcomes = await Promise.allSettled([
      sut.collections.update({ id: left.id, name: 'Both' }),
      sut.collections.update({ id: right.id, name: 'Both' })
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toStrictEqual(['fulfilled', 'rejected']);
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(await errorOf(Promise.reject(refusal?.reason))).toMatchObject({ kind: 'validation' });
  });

  it('should append in the given order, ignore images already in it and count only real changes', async () => {
    const [a, b, c, d] = await makeImages(4);
    const { id } = await sut.collections.create({ name: 'Order', imageIds: [b!, a!] });

    const added = await sut.collections.addImages({ id, imageIds: [a!, d!, c!, d!] });
    const again = await sut.collections.addImages({ id, imageIds: [d!] });
    const removed = await sut.collections.removeImages({ id, imageIds: [a!, a!] });
    const removedAgain = await sut.collections.removeImages({ id, imageIds: [a!] });

    expect(added.changed).toBe(2);
    expect(again.changed).toBe(0);
    expect(removed).toMatchObject({ changed: 1, collection: { imageCount: 3 } });
    expect(removedAgain.changed).toBe(0);
    expect(await idsIn(id)).toStrictEqual([b, d, c]);
  });

  it('should move the named images first and keep the others in their order after them', async () => {
    const [a, b, c, d] = await makeImages(4);
    const { id } = await sut.collections.create({ name: 'Moves', imageIds: [a!, b!, c!, d!] });

    const moved = await sut.collections.reorder({ id, imageIds: [c!, a!] });
    const unchanged = await sut.collections.reorder({ id, imageIds: [c!] });

    expect(await idsIn(id)).toStrictEqual([c, a, b, d]);
    expect(moved.changed).toBe(3);
    expect(unchanged.changed).toBe(0);
    const outsider = (await makeImages(1))[0]!;
    expect((await errorOf(sut.collections.reorder({ id, imageIds: [outsider] }))).kind).toBe('validation');
  });

  it('should page through the images in their order with a cursor', async () => {
    const images = await makeImages(4);
    const { id } = await sut.collections.create({ name: 'Pages', imageIds: images });
    await sut.collections.reorder({ id, imageIds: [images[3]!] });

    const first = await sut.collections.get({ id, limit: 3 });
    const second = await sut.collections.get({ id, limit: 3, cursor: first.nextCursor! });

    expect([...first.images, ...second.images].map((image) => image.id)).toStrictEqual([
      images[3],
      images[0],
      images[1],
      images[2]
    ]);
    expect(second.nextCursor).toBeNull();
    expect((await errorOf(sut.collections.get({ id, cursor: 'bm90IG91cnM' }))).kind).toBe('validation');
  });

  it('should use the chosen cover while it is in the collection and the first image otherwise', async () => {
    const [a, b, c] = await makeImages(3);
    const { id } = await sut.collections.create({ name: 'Covers', imageIds: [a!, b!] });

    const chosen = await sut.collections.update({ id, coverImageId: b });
    const outside = await errorOf(sut.collections.update({ id, coverImageId: c }));
    const afterRemoval = (await sut.collections.removeImages({ id, imageIds: [b!] })).collection;
    await sut.collections.addImages({ id, imageIds: [b!] });
    const reset = await sut.collections.update({ id, coverImageId: null });

    expect(chosen.coverImageId).toBe(b);
    expect(outside.kind).toBe('validation');
    expect(afterRemoval.coverImageId).toBe(a);
    expect(reset.coverImageId).toBe(a);
    const empty = await sut.collections.create({ name: 'Empty' });
    expect(empty).toMatchObject({ coverImageId: null, coverThumbnailUrl: null, imageCount: 0 });
  });

  it('should hide trashed images from the listing, the count and the cover, and refuse adding them', async () => {
    const [a, b, c] = await makeImages(3);
    const { id } = await sut.collections.create({ name: 'Trash', imageIds: [a!, b!] });

    await trash([a!, c!]);
    const page = await sut.collections.get({ id });
    const adding = await errorOf(sut.collections.addImages({ id, imageIds: [c!] }));

    expect(page.images.map((image) => image.id)).toStrictEqual([b]);
    expect(page.collection).toMatchObject({ imageCount: 1, coverImageId: b });
    expect(adding).toMatchObject({ kind: 'validation', message: expect.stringContaining('trash') });
    expect((await sut.collections.removeImages({ id, imageIds: [a!] })).changed).toBe(1);
  });

  it('should change nothing when one of the images is missing', async () => {
    const [a, b] = await makeImages(2);
    const { id } = await sut.collections.create({ name: 'Whole', imageIds: [a!] });
    const missing = '00000000-0000-4000-8000-000000000000';

    const adding = await errorOf(sut.collections.addImages({ id, imageIds: [b!, missing] }));
    const creating = await errorOf(sut.collections.create({ name: 'Half', imageIds: [a!, missing] }));

    expect(adding).toMatchObject({ kind: 'not_found', message: expect.stringContaining(missing) });
    expect(creating.kind).toBe('not_found');
    expect(await idsIn(id)).toStrictEqual([a]);
    expect((await sut.collections.list()).collections.map((collection) => collection.name)).toStrictEqual(['Whole']);
  });

  it('should add an image named by two requests at once exactly once, without an error', async () => {
    const [a] = await makeImages(1);
    const { id } = await sut.collections.create({ name: 'Race' });

    const results = await Promise.all([
      sut.collections.addImages({ id, imageIds: [a!] }),
      sut.collections.addImages({ id, imageIds: [a!] })
    ]);

    expect(results.map((result) => result.changed).sort()).toStrictEqual([0, 1]);
    const rows = await deps.db.select().from(collectionImages).where(eq(collectionImages.collectionId, id));
    expect(rows.map((row) => row.imageId)).toStrictEqual([a]);
  });
});
