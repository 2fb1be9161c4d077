import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller, type ApiCaller } from '$lib/server/api';
import { deleteTrashedImageRows } from '$lib/server/db/repositories/generated-images';
import {
  collectionImages,
  generatedImages,
  imageCollections,
  imageFavorites,
  stylePresets
} from '$lib/server/db/schema';
import { encodeRgba } from '$lib/server/images';
import { postgresUnavailable } from '$tests/support/database';
import { listFiles } from '$tests/support/files';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { removeOrphanBlobs } from '../housekeeping';

const DAY_MS = 24 * 60 * 60 * 1000;

let deps: TestDeps;
let api: ApiCaller;
let now: Date;

beforeEach(async () => {
  now = new Date();
  deps = await createTestDeps({ now: () => now });
  api = createActorCaller(deps, deps.actor);
});

afterEach(async () => {
  await deps?.close();
});

async function generate(count = 1): Promise<string[]> {
  const { images } = await api.images.generate({ prompt: 'a red lighthouse', size: '256x256', count });
  return images.map((image) => image.id);
}

/** A 32×32 PNG mask whose left half is white (change it). */
async function halfMask(): Promise<string> {
  const pixels = new Uint8Array(32 * 32 * 4);
  for (let pixel = 0; pixel < 32 * 32; pixel++) {
    const value = pixel % 32 < 16 ? 255 : 0;
    pixels.set([value, value, value, 255], pixel * 4);
  }
  return `data:image/png;base64,${Buffer.from(await encodeRgba(pixels, 32, 32)).toString('base64')}`;
}

async function rowsOf(ids: string[]) {
  return deps.db.select().from(generatedImages).where(inArray(generatedImages.id, ids));
}

async function filesOf(ids: string[]): Promise<string[]> {
  const files = await listFiles(deps.storageRoot);
  return files.filter((file) => ids.some((id) => file.includes(id)));
}

/** Counts each key the store is asked to delete, still deleting it. */
function countDeletes(): Map<string, number> {
  const deletes = new Map<string, number>();
  const remove = deps.storage.delete.bind(deps.storage);
  deps.storage.delete = (key) => {
    deletes.set(key, (deletes.get(key) ?? 0) + 1);
    return remove(key);
  };
  return deletes;
}

describe.skipIf(postgresUnavailable)('images.delete', () => {
  it('should move images to the trash: out of history and lineage, still answered by get with deletedAt', async () => {
    const [parent] = await generate();
    const { images: children } = await api.images.vary({ image: parent!, count: 2 });
    const [trashed, kept] = children.map((child) => child.id);

    const outcome = await api.images.delete({ ids: [trashed!] });

    expect(outcome).toStrictEqual({
      ids: [trashed],
      purgeAfter: new Date(now.getTime() + 30 * DAY_MS).toISOString()
    });
    expect((await api.images.get({ id: trashed! })).deletedAt).toBe(now.toISOString());
    const history = await api.images.history({ limit: 100 });
    expect(history.images.map((image) => image.id).sort()).toStrictEqual([parent, kept].sort());
    expect(history.total).toBe(2);
    expect((await api.images.lineage({ id: parent! })).children.map((child) => child.id)).toStrictEqual([kept]);
    expect(await filesOf([trashed!])).toHaveLength(2);
  });

  it('should keep the first deletion time when an image is deleted again, and answer when it will be purged', async () => {
    const [id] = await generate();
    const first = await api.images.delete({ ids: [id!] });
    const deletedAt = now;
    now = new Date(now.getTime() + DAY_MS);

    const again = await api.images.delete({ ids: [id!] });

    expect(again).toStrictEqual(first);
    expect((await api.images.get({ id: id! })).deletedAt).toBe(deletedAt.toISOString());
  });

  it('should leave out a trashed ancestor of lineage but keep climbing past it', async () => {
    const [grandparent] = await generate();
    const [parent] = (await api.images.vary({ image: grandparent! })).images;
    const [child] = (await api.images.vary({ image: parent!.id })).images;

    await api.images.delete({ ids: [parent!.id] });

    expect((await api.images.lineage({ id: child!.id })).ancestors.map((image) => image.id)).toStrictEqual([
      grandparent
    ]);
  });

  it('should refuse to edit a trashed image and say to restore it first', async () => {
    const [id] = await generate();
    await api.images.delete({ ids: [id!] });

    const refusal = await errorOf(api.images.vary({ image: id! }));

    expect(refusal.kind).toBe('validation');
    expect(refusal.message).toBe(`Image ${id} is in the trash; restore it first (images.restore), then edit it.`);
  });

  it('should refuse, changing nothing, a request naming an image still being made', async () => {
    const [finished] = await generate();
    const [making] = await deps.db
      .insert(generatedImages)
      .values({
        userId: deps.actor.id,
        prompt: 'p',
        provider: 'local',
        model: 'm',
        size: '256x256',
        status: 'generating'
      })
      .returning();

    const refusal = await errorOf(api.images.delete({ ids: [finished!, making!.id] }));

    expect(refusal.kind).toBe('validation');
    expect(refusal.message).toMatch(/still being made \(status: generating\); cancel it \(images\.cancel\)/);
    expect((await rowsOf([finished!, making!.id])).map((row) => row.deletedAt)).toStrictEqual([null, null]);
  });

  it("should refuse, changing nothing, a bulk request naming another user's image", async () => {
    const [mine] = await generate();
    const other = createActorCaller(deps, await createTestUser(deps));
    const { images } = await other.images.generate({ prompt: 'theirs', size: '256x256' });

    for (const call of [api.images.delete, api.images.restore, api.images.purge]) {
      expect((await errorOf(call({ ids: [mine!, images[0]!.id] }))).kind).toBe('not_found');
    }
    expect((await rowsOf([mine!, images[0]!.id])).map((row) => row.deletedAt)).toStrictEqual([null, null]);
  });
});

describe.skipIf(postgresUnavailable)('images.restore', () => {
  it('should bring trashed images back and leave images in the library as they are', async () => {
    const ids = await generate(2);
    await api.images.delete({ ids: [ids[0]!] });

    const { images } = await api.images.restore({ ids });

    expect(images.map((image) => [image.id, image.deletedAt])).toStrictEqual(ids.map((id) => [id, null]));
    expect((await api.images.history({ limit: 10 })).total).toBe(2);
  });
});

describe.skipIf(postgresUnavailable)('images.purge', () => {
  it('should refuse, purging nothing, a request naming an image that is not in the trash', async () => {
    const ids = await generate(2);
    await api.images.delete({ ids: [ids[0]!] });

    const refusal = await errorOf(api.images.purge({ ids }));

    expect(refusal).toMatchObject({ kind: 'validation' });
    expect(refusal.message).toBe(
      `Image ${ids[1]} is not in the trash; delete it first (images.delete), then purge it. Nothing was purged.`
    );
    expect(await rowsOf(ids)).toHaveLength(2);
    expect(await filesOf(ids)).toHaveLength(4);
  });

  it('should delete the rows and their image, thumbnail and preview files, and let go of what referenced them', async () => {
    const [id, other] = await generate(2);
    const [child] = (await api.images.vary({ image: id! })).images;
    const [collection] = await deps.db
      .insert(imageCollections)
      .values({ userId: deps.actor.id, name: 'set', coverImageId: id })
      .returning();
    await deps.db.insert(collectionImages).values({ collectionId: collection!.id, imageId: id! });
    await deps.db.insert(imageFavorites).values({ userId: deps.actor.id, imageId: id! });
    const [preset] = await deps.db
      .insert(stylePresets)
      .values({ userId: deps.actor.id, name: 'mine', previewImageId: id })
      .returning();
    const [row] = await rowsOf([id!]);
    await api.images.content({ id: id!, variant: 'preview', width: 512 });
    const filesBefore = await listFiles(deps.storageRoot);
    await api.images.delete({ ids: [id!] });

    const outcome = await api.images.purge({ ids: [id!] });

    expect(outcome).toStrictEqual({ purged: 1, freedBytes: row!.fileSize });
    expect(await rowsOf([id!])).toStrictEqual([]);
    const preview = row!.storagePath!.replace(/\.png$/, '-preview512.webp');
    expect(filesBefore).toContain(preview);
    expect(await listFiles(deps.storageRoot)).toStrictEqual(
      filesBefore.filter((file) => ![row!.storagePath, row!.thumbnailPath, preview].includes(file))
    );
    expect(filesBefore.length - (await listFiles(deps.storageRoot)).length).toBe(3);
    expect(await filesOf([other!, child!.id])).toHaveLength(4);
    expect((await rowsOf([child!.id]))[0]?.parentImageId).toBeNull();
    expect(await deps.db.select().from(collectionImages)).toStrictEqual([]);
    expect(await deps.db.select().from(imageFavorites)).toStrictEqual([]);
    const [uncovered] = await deps.db.select().from(imageCollections).where(eq(imageCollections.id, collection!.id));
    expect(uncovered?.coverImageId).toBeNull();
    const [withoutPreview] = await deps.db.select().from(stylePresets).where(eq(stylePresets.id, preset!.id));
    expect(withoutPreview?.previewImageId).toBeNull();
  });

  it('should keep an edit request’s shared mask while a sibling holds it, also through the orphan sweep', async () => {
    const [source] = await generate();
    const { images } = await api.images.edit({ image: source!, mask: await halfMask(), prompt: 'a door', count: 2 });
    const rows = await rowsOf(images.map((image) => image.id));
    const mask = rows[0]!.maskStoragePath!;
    expect(rows.map((row) => row.maskStoragePath)).toStrictEqual([mask, mask]);
    // The mask is named after the request's first row: purge that one first.
    const first = rows.find((row) => mask.includes(row.id))!;
    const second = rows.find((row) => row !== first)!;
    const before = await listFiles(deps.storageRoot);

    await api.images.delete({ ids: [first.id] });
    await api.images.purge({ ids: [first.id] });
    now = new Date(now.getTime() + deps.config.operations.staleAfterMs + 60_000);
    // The sweep looks files up in batches: here the sibling's own files are not in the mask's batch (too young).
    for (const key of [second.storagePath!, second.thumbnailPath!]) await utimes(join(deps.storageRoot, key), now, now);
    await removeOrphanBlobs(deps);

    const afterFirst = await listFiles(deps.storageRoot);
    expect(afterFirst).toContain(mask);
    expect(before.length - afterFirst.length).toBe(2);

    await api.images.delete({ ids: [second.id] });
    await api.images.purge({ ids: [second.id] });

    const afterSecond = await listFiles(deps.storageRoot);
    expect(afterSecond).not.toContain(mask);
    expect(afterFirst.length - afterSecond.length).toBe(3);
    expect(afterSecond).toStrictEqual(await filesOf([source!]));
  });
});

describe.skipIf(postgresUnavailable)('images.emptyTrash', () => {
  it("should purge everything in the user's trash with its files and nothing else", async () => {
    const ids = await generate(3);
    const other = createActorCaller(deps, await createTestUser(deps));
    const { images: theirs } = await other.images.generate({ prompt: 'theirs', size: '256x256' });
    await other.images.delete({ ids: [theirs[0]!.id] });
    await api.images.delete({ ids: ids.slice(0, 2) });
    const sizes = (await rowsOf(ids.slice(0, 2))).reduce((sum, row) => sum + row.fileSize!, 0);

    const outcome = await api.images.emptyTrash();

    expect(outcome).toStrictEqual({ purged: 2, freedBytes: sizes });
    expect(await filesOf(ids)).toHaveLength(2);
    expect(await filesOf([theirs[0]!.id])).toHaveLength(2);
    expect(await api.images.emptyTrash()).toStrictEqual({ purged: 0, freedBytes: 0 });
  });
});

describe.skipIf(postgresUnavailable)('the trash under concurrent requests', () => {
  it('should purge each image once when two emptyTrash run at once, without error', async () => {
    const ids = await generate(8);
    await api.images.delete({ ids });
    const deletes = countDeletes();
    const keys = (await rowsOf(ids)).flatMap((row) => [row.storagePath!, row.thumbnailPath!]);

    const outcomes = await Promise.all([api.images.emptyTrash(), api.images.emptyTrash()]);

    expect(outcomes[0]!.purged + outcomes[1]!.purged).toBe(8);
    expect(await filesOf(ids)).toStrictEqual([]);
    expect(keys.map((key) => deletes.get(key))).toStrictEqual(keys.map(() => 1));
  });

  it('should let one of two purges of the same images do it; the other finds them gone', async () => {
    const ids = await generate(4);
    await api.images.delete({ ids });
    const deletes = countDeletes();

    const settled = await Promise.allSettled([api.images.purge({ ids }), api.images.purge({ ids })]);

    const done = settled.filter((result) => result.status === 'fulfilled');
    expect(done.map((result) => result.value.purged)).toStrictEqual([4]);
    const refused = settled.find((result) => result.status === 'rejected');
    expect((await errorOf(Promise.reject(refused?.reason))).kind).toBe('not_found');
    expect(await filesOf(ids)).toStrictEqual([]);
    // Each image's file, thumbnail and two preview sizes (made or not), each deleted once.
    expect([...deletes.values()]).toStrictEqual(Array.from({ length: 16 }, () => 1));
  });

  it('should end consistently when delete, restore and an edit of the same image race', async () => {
    for (let round = 0; round < 5; round++) {
      const [id] = await generate();

      const [deleted, restored, varied] = await Promise.allSettled([
        api.images.delete({ ids: [id!] }),
        api.images.restore({ ids: [id!] }),
        api.images.vary({ image: id! })
      ]);

      expect(deleted.status).toBe('fulfilled');
      expect(restored.status).toBe('fulfilled');
      if (varied.status === 'rejected') {
        // The delete came first: the edit is refused, nothing made.
        expect((await errorOf(Promise.reject(varied.reason))).message).toMatch(/is in the trash; restore it first/);
      } else {
        const [child] = varied.value.images;
        expect(child).toMatchObject({ status: 'completed', parentImageId: id });
        expect(await filesOf([child!.id])).toHaveLength(2);
      }
      const [row] = await rowsOf([id!]);
      expect(row?.status).toBe('completed');
      expect(await filesOf([id!])).toHaveLength(2);
    }
  });

  it('should leave no file behind when the process dies between deleting the rows and their files', async () => {
    const ids = await generate(2);
    await api.images.delete({ ids });
    const before = await listFiles(deps.storageRoot);
    // What a kill right after purge's statement leaves: the rows are gone, their files are not.
    await deleteTrashedImageRows(deps.db, deps.actor.id, ids);
    expect(await listFiles(deps.storageRoot)).toStrictEqual(before);

    now = new Date(now.getTime() + deps.config.operations.staleAfterMs + 60_000);
    const removed = await removeOrphanBlobs(deps);

    expect(removed).toBe(4);
    expect(await filesOf(ids)).toStrictEqual([]);
  });
});
