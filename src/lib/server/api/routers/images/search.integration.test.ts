import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertImageRows } from '$lib/server/db/repositories/generated-images';
import { collectionImages, imageCollections, imageFavorites, type NewGeneratedImageRow } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/services/users';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createActorCaller, type ApiCaller } from '../../root';
import type { TSearchInput } from './search.schema';

let deps: TestDeps;
let sut: ApiCaller;
let other: Actor;
/** The seeded images by name. */
const id: Record<string, string> = {};

type Seed = Partial<NewGeneratedImageRow> & { prompt: string };

/** Image `day` of the seeded set is made on 2026-11-<day> at noon UTC. */
const SEEDS: Record<string, Seed & { day: number }> = {
  redLighthouse: { day: 1, prompt: 'a red lighthouse at dusk', seed: 7 },
  stormyLighthouses: {
    day: 2,
    prompt: 'lighthouses on a stormy coast',
    provider: 'openai',
    model: 'gpt-image-1',
    size: '1024x1024',
    costUsd: 0.04
  },
  sleepingCat: { day: 3, prompt: 'a cat sleeping in the sun', seed: 8 },
  runningCats: {
    day: 4,
    prompt: 'cats running through fog',
    provider: 'openai',
    model: 'gpt-image-1',
    size: '1024x1024',
    costUsd: 0.08
  },
  redLight: {
    day: 5,
    prompt: 'red light district at night',
    revisedPrompt: 'neon signs of a harbour bar',
    costUsd: 0.02
  },
  upload: { day: 6, prompt: 'a painting of a light house', provider: 'upload', model: 'upload', editType: 'upload' },
  inpaint: { day: 7, prompt: 'lighthouse with a small boat', editType: 'inpaint', costUsd: 0.01 },
  failed: { day: 8, prompt: 'broken lighthouse', status: 'failed' },
  trashed: { day: 9, prompt: 'lighthouse in the trash', deletedAt: new Date('2026-11-20T00:00:00Z') }
};

function row(userId: string, seed: Seed & { day?: number }): NewGeneratedImageRow {
  const { day = 10, ...fields } = seed;
  return {
    userId,
    provider: 'local',
    model: 'procedural-v1',
    size: '512x512',
    status: 'completed',
    createdAt: new Date(`2026-11-${String(day).padStart(2, '0')}T12:00:00Z`),
    ...fields
  };
}

async function ids(input: Partial<TSearchInput>): Promise<string[]> {
  return (await sut.images.search(input)).images.map((image) => image.id);
}

function named(...names: string[]): string[] {
  return names.map((name) => id[name]!);
}

beforeAll(async () => {
  deps = await createTestDeps();
  sut = createActorCaller(deps, deps.actor);
  other = await createTestUser(deps);
  for (const [name, seed] of Object.entries(SEEDS)) {
    const [inserted] = await insertImageRows(deps.db, [row(deps.actor.id, seed)]);
    id[name] = inserted!.id;
  }
  await deps.db.execute(
    sql`update generated_images set parent_image_id = ${id.redLighthouse} where id = ${id.inpaint}`
  );
  const [foreign] = await insertImageRows(deps.db, [row(other.id, { ...SEEDS.redLighthouse!, day: 1 })]);
  id.foreign = foreign!.id;
  await deps.db.insert(imageFavorites).values([
    { userId: deps.actor.id, imageId: id.runningCats! },
    { userId: other.id, imageId: id.foreign }
  ]);
  const [mine] = await deps.db.insert(imageCollections).values({ userId: deps.actor.id, name: 'coast' }).returning();
  const [theirs] = await deps.db.insert(imageCollections).values({ userId: other.id, name: 'coast' }).returning();
  id.collection = mine!.id;
  id.foreignCollection = theirs!.id;
  await deps.db.insert(collectionImages).values([
    { collectionId: mine!.id, imageId: id.stormyLighthouses!, position: 0 },
    { collectionId: mine!.id, imageId: id.redLight!, position: 1 },
    { collectionId: theirs!.id, imageId: id.foreign, position: 0 }
  ]);
});

afterAll(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)('images.search text', () => {
  it('should match stemmed words in the prompt and the revised prompt', async () => {
    expect(await ids({ text: 'lighthouse' })).toStrictEqual(
      named('failed', 'inpaint', 'stormyLighthouses', 'redLighthouse')
    );
    expect(await ids({ text: 'cats' })).toStrictEqual(named('runningCats', 'sleepingCat'));
    expect(await ids({ text: 'harbours' })).toStrictEqual(named('redLight'));
  });

  it('should match a quoted phrase only with its words in order', async () => {
    expect(await ids({ text: '"red lighthouse"' })).toStrictEqual(named('redLighthouse'));
    expect(await ids({ text: '"light house"' })).toStrictEqual(named('upload'));
  });

  it('should match a trailing * as a prefix, also excluded with -', async () => {
    expect(await ids({ text: 'lighth*' })).toStrictEqual(
      named('failed', 'inpaint', 'stormyLighthouses', 'redLighthouse')
    );
    expect(await ids({ text: 'light*' })).toStrictEqual(
      named('failed', 'inpaint', 'upload', 'redLight', 'stormyLighthouses', 'redLighthouse')
    );
    expect(await ids({ text: 'cat* -run*' })).toStrictEqual(named('sleepingCat'));
    expect(await ids({ text: 'red light* -"at night"' })).toStrictEqual(named('redLighthouse'));
  });

  it('should leave out words after a minus', async () => {
    expect(await ids({ text: 'lighthouse -dusk -boat' })).toStrictEqual(named('failed', 'stormyLighthouses'));
  });

  it('should take operators and quotes as plain text, never as SQL or tsquery syntax', async () => {
    expect(await ids({ text: "light:* | ' ; drop table generated_images; --" })).toStrictEqual([]);
    expect(await ids({ text: 'the' })).toStrictEqual([]);
    expect((await sut.images.history({ limit: 100 })).images).toHaveLength(8);
  });
});

describe.skipIf(postgresUnavailable)('images.search filters', () => {
  it.each<[string, Partial<TSearchInput>, string[]]>([
    ['provider', { provider: 'openai' }, ['runningCats', 'stormyLighthouses']],
    ['model and size', { model: 'gpt-image-1', size: '1024x1024', text: 'storm*' }, ['stormyLighthouses']],
    ['status', { status: 'failed' }, ['failed']],
    ['seed', { seed: 7 }, ['redLighthouse']],
    ['favorite', { favorite: true }, ['runningCats']],
    ['not favorite', { favorite: false, text: 'cat' }, ['sleepingCat']],
    ['collection', { collectionId: 'mine' }, ['redLight', 'stormyLighthouses']],
    ["another user's collection", { collectionId: 'theirs' }, []],
    ['has a parent', { hasParent: true }, ['inpaint']],
    [
      'generated',
      { operation: 'generate', text: 'light*' },
      ['failed', 'redLight', 'stormyLighthouses', 'redLighthouse']
    ],
    ['uploaded', { operation: 'upload' }, ['upload']],
    ['inpainted', { operation: 'inpaint' }, ['inpaint']],
    ['whole days from–to', { from: '2026-11-03', to: '2026-11-04' }, ['runningCats', 'sleepingCat']],
    ['instants', { from: '2026-11-03T12:00:00Z', to: '2026-11-04T12:00:00Z' }, ['sleepingCat']],
    ['the trash', { trash: true }, ['trashed']],
    ['text in the trash', { trash: true, text: 'lighthouse' }, ['trashed']],
    [
      'everything combined',
      { text: 'light*', provider: 'local', from: '2026-11-05', status: 'completed', hasParent: false },
      ['redLight']
    ]
  ])('should narrow by %s', async (_name, query, expected) => {
    const collectionId = { mine: id.collection, theirs: id.foreignCollection }[query.collectionId ?? ''];
    expect(await ids({ ...query, ...(collectionId && { collectionId }) })).toStrictEqual(named(...expected));
  });

  it("should never show another user's images, whatever the query", async () => {
    for (const query of [{}, { text: 'red lighthouse' }, { favorite: true }, { trash: true }, { seed: 7 }]) {
      expect(await ids(query)).not.toContain(id.foreign);
    }
  });

  it('should take the same filters in images.history, newest first', async () => {
    const page = await sut.images.history({ text: 'lighthouse', provider: 'local', limit: 2 });

    expect(page.images.map((image) => image.id)).toStrictEqual(named('failed', 'inpaint'));
    expect(page).toMatchObject({ totalExact: false, nextCursor: expect.any(String) });
    expect(page.total).toBeGreaterThanOrEqual(3);
    const next = await sut.images.history({
      text: 'lighthouse',
      provider: 'local',
      limit: 2,
      cursor: page.nextCursor!
    });
    expect(next.images.map((image) => image.id)).toStrictEqual(named('redLighthouse'));
  });
});

describe.skipIf(postgresUnavailable)('images.search order and pages', () => {
  it.each<[TSearchInput['sort'], string[]]>([
    [
      'newest',
      ['failed', 'inpaint', 'upload', 'redLight', 'runningCats', 'sleepingCat', 'stormyLighthouses', 'redLighthouse']
    ],
    [
      'oldest',
      ['redLighthouse', 'stormyLighthouses', 'sleepingCat', 'runningCats', 'redLight', 'upload', 'inpaint', 'failed']
    ],
    [
      'costliest',
      ['runningCats', 'stormyLighthouses', 'redLight', 'inpaint', 'failed', 'upload', 'sleepingCat', 'redLighthouse']
    ],
    [
      'cheapest',
      ['redLighthouse', 'sleepingCat', 'upload', 'failed', 'inpaint', 'redLight', 'stormyLighthouses', 'runningCats']
    ]
  ])('should sort %s, and page through the same order 3 at a time', async (sort, expected) => {
    expect(await ids({ sort })).toStrictEqual(named(...expected));

    expect((await sut.images.search({ sort })).total).toStrictEqual({ count: 8, exact: true });

    const paged: string[] = [];
    const totals: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await sut.images.search({ sort, limit: 3, cursor });
      paged.push(...page.images.map((image) => image.id));
      totals.push(page.total);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toStrictEqual(named(...expected));
    expect(totals.every((total) => JSON.stringify(total) === JSON.stringify(totals[0]))).toBe(true);
  });
});

describe.skipIf(postgresUnavailable)('images.search paging while images arrive', () => {
  it.each(['newest', 'oldest', 'costliest', 'cheapest'] as const)(
    'should list every image once, sorted %s, with new ones inserted between pages and equal timestamps',
    async (sort) => {
      const owner = await createTestUser(deps);
      const asOwner = createActorCaller(deps, owner);
      const sameInstant = Array.from({ length: 7 }, (_, index) =>
        row(owner.id, { prompt: `tied ${index}`, day: 12, costUsd: index % 2 === 0 ? 0.01 : 0 })
      );
      const spread = Array.from({ length: 8 }, (_, index) =>
        row(owner.id, { prompt: `spread ${index}`, day: 13 + index, costUsd: index / 100 })
      );
      const before = await insertImageRows(deps.db, [...sameInstant, ...spread]);
      // Two of the tied rows a microsecond apart: a cursor rounded to milliseconds would skip one.
      await deps.db.execute(
        sql`update generated_images set created_at = created_at + interval '1 microsecond' where id = ${before[0]!.id}`
      );

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await asOwner.images.search({ sort, limit: 4, cursor });
        seen.push(...page.images.map((image) => image.id));
        await insertImageRows(deps.db, [
          row(owner.id, { prompt: `arrived ${pages} a`, day: 30, costUsd: 0.035 }),
          row(owner.id, { prompt: `arrived ${pages} b`, day: 1, costUsd: 0 })
        ]);
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 20);

      const original = before.map((image) => image.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(original.filter((image) => !seen.includes(image))).toStrictEqual([]);
    }
  );

  it('should count a result that fits on the first page, estimate a larger one, and carry the total to later pages', async () => {
    const owner = await createTestUser(deps);
    const asOwner = createActorCaller(deps, owner);
    const many = Array.from({ length: 30 }, (_, index) =>
      row(owner.id, { prompt: `bulk ${index % 2 === 0 ? 'even' : 'odd'} image`, day: 1 + index })
    );
    await insertImageRows(deps.db, many);

    const odd = await asOwner.images.search({ text: 'odd', limit: 15 });
    const all = await asOwner.images.search({ limit: 10 });
    const second = await asOwner.images.search({ limit: 10, cursor: all.nextCursor! });

    expect(odd.total).toStrictEqual({ count: 15, exact: true });
    expect(all.total).toMatchObject({ exact: false });
    expect(all.total!.count).toBeGreaterThanOrEqual(11);
    expect(second.total).toStrictEqual(all.total);
  });
});

describe.skipIf(postgresUnavailable)('images.search cursors', () => {
  it('should refuse a cursor that is not one of ours', async () => {
    for (const cursor of [
      'bm90LWEtY3Vyc29y',
      Buffer.from('[1,"newest","x","2026-11-01 12:00:00+00","0.000000","nope",1]').toString('base64url')
    ]) {
      const body = await errorOf(sut.images.search({ cursor }));
      expect(body).toMatchObject({ kind: 'validation', code: 400 });
      expect(body.message).toContain('cursor');
    }
  });

  it('should refuse a cursor of another sort or another search, saying which', async () => {
    const { nextCursor } = await sut.images.search({ sort: 'costliest', limit: 2 });

    const otherSort = await errorOf(sut.images.search({ sort: 'newest', limit: 2, cursor: nextCursor! }));
    const otherText = await errorOf(
      sut.images.search({ sort: 'costliest', text: 'cat', limit: 2, cursor: nextCursor! })
    );

    expect(otherSort).toMatchObject({ kind: 'validation' });
    expect(otherSort.message).toContain('sorted by costliest');
    expect(otherText).toMatchObject({ kind: 'validation' });
    expect(otherText.message).toContain('other text or filters');
  });
});
