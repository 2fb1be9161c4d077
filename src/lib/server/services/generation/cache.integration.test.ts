import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller, type ApiCaller } from '$lib/server/api';
import { budgetReservations, cacheHits, generatedImages } from '$lib/server/db/schema';
import { createLocalProvider } from '$lib/server/providers/local';
import { postgresUnavailable } from '$tests/support/database';
import {
  createPaidTestProvider,
  PAID_PREMIUM_MODEL,
  PAID_PROVIDER_ID,
  type PaidTestProvider
} from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { getBudgetStatus } from '../budgets';

const DAY_MS = 86_400_000;

/** A seeded paid request: 2 images at $0.04. */
const PAID_REQUEST = { prompt: 'a lighthouse at dusk', provider: PAID_PROVIDER_ID, seed: 42, count: 2 };

describe.skipIf(postgresUnavailable)('the generation cache', () => {
  let deps: TestDeps;
  let paid: PaidTestProvider;
  let now: Date;
  let api: ApiCaller;

  beforeEach(async () => {
    paid = createPaidTestProvider();
    // The paid test models take no seed by default; a cached result must be repeatable, so these do.
    for (const model of paid.models) model.knobs.push('seed', 'steps');
    now = new Date('2026-06-01T12:00:00Z');
    deps = await createTestDeps({ providers: [paid, createLocalProvider()], now: () => now });
    api = createActorCaller(deps, deps.actor);
  });
  afterEach(async () => {
    await deps.close();
  });

  const ids = (outcome: { images: { id: string }[] }) => outcome.images.map((image) => image.id);

  it('should return the same images without a provider call, a charge or a reservation', async () => {
    const first = await api.images.generate(PAID_REQUEST);
    const budgetBefore = await getBudgetStatus(deps, deps.actor);
    const reservationsBefore = await deps.db.select().from(budgetReservations);
    now = new Date(now.getTime() + 60_000);

    const second = await api.images.generate(PAID_REQUEST);

    expect(first.cache).toStrictEqual({ hit: false, savedUsd: 0 });
    expect(second.cache).toStrictEqual({ hit: true, savedUsd: 0.08 });
    expect(ids(second)).toStrictEqual(ids(first));
    expect(paid.calls).toHaveLength(1);
    expect(await deps.db.select().from(budgetReservations)).toStrictEqual(reservationsBefore);
    const budgetAfter = await getBudgetStatus(deps, { id: deps.actor.id });
    expect(budgetAfter.spentMicros).toBe(budgetBefore.spentMicros);
    expect(await deps.db.select().from(generatedImages)).toHaveLength(2);
    now = new Date(now.getTime() + 6 * DAY_MS);
    expect(ids(await api.images.generate(PAID_REQUEST))).toStrictEqual(ids(first));
    expect(paid.calls).toHaveLength(1);
    const hits = await deps.db.select().from(cacheHits);
    expect(hits.map((hit) => [hit.userId, hit.imageId, hit.savedUsd]).sort()).toStrictEqual(
      [...ids(first), ...ids(first)].map((id) => [deps.actor.id, id, 0.04]).sort()
    );
    // Today is the day of the second hit; the first one's day is past.
    expect((await api.account.me()).budget.savedByCacheUsd).toBe(0.08);
    const other = createActorCaller(deps, await createTestUser(deps));
    expect((await other.account.me()).budget.savedByCacheUsd).toBe(0);
  });

  it('should answer the local provider from the cache too, and the progress stream with the result alone', async () => {
    const request = { prompt: 'teal fog', provider: 'local', size: '256x256', seed: 7, count: 1 };
    const first = await api.images.generate(request);

    const updates = [];
    for await (const update of await api.images.generateWithProgress(request)) updates.push(update);

    expect(updates).toStrictEqual([
      { type: 'result', outcome: { images: first.images, warnings: [], cache: { hit: true, savedUsd: 0 } } }
    ]);
  });

  it('should not count a hit against the images-per-minute limit', async () => {
    const limited = await createTestUser(deps, { policy: { generatePerMinute: 2 } });
    const limitedApi = createActorCaller(deps, limited);
    await limitedApi.images.generate(PAID_REQUEST);

    const again = await limitedApi.images.generate(PAID_REQUEST);
    const refused = limitedApi.images.generate({ ...PAID_REQUEST, seed: 43 });

    expect(again.cache.hit).toBe(true);
    await expect(refused).rejects.toMatchObject({ message: expect.stringMatching(/limit of 2 images per minute/) });
  });

  describe('should make new images', () => {
    let first: Awaited<ReturnType<ApiCaller['images']['generate']>>;
    beforeEach(async () => {
      first = await api.images.generate(PAID_REQUEST);
      now = new Date(now.getTime() + 60_000);
    });

    async function expectMiss(request: Parameters<ApiCaller['images']['generate']>[0], caller = api) {
      const outcome = await caller.images.generate(request);
      expect(outcome.cache).toStrictEqual({ hit: false, savedUsd: 0 });
      expect(ids(outcome)).not.toContain(ids(first)[0]);
      expect(paid.calls).toHaveLength(2);
      expect(await deps.db.select().from(cacheHits)).toStrictEqual([]);
    }

    it('for a request without a seed', async () => {
      const unseeded = { prompt: PAID_REQUEST.prompt, provider: PAID_PROVIDER_ID, count: 2 };
      const earlier = await api.images.generate(unseeded);
      paid.calls.length = 1;
      await expectMiss(unseeded);
      const [row] = await deps.db
        .select()
        .from(generatedImages)
        .where(eq(generatedImages.id, ids(earlier)[0]!));
      expect(row?.cacheKey).toBeNull();
    });

    it('for a different knob, model, count or prompt', async () => {
      await expectMiss({ ...PAID_REQUEST, steps: 20 });
      paid.calls.length = 1;
      await expectMiss({ ...PAID_REQUEST, model: PAID_PREMIUM_MODEL });
      paid.calls.length = 1;
      await expectMiss({ ...PAID_REQUEST, count: 1 });
      paid.calls.length = 1;
      await expectMiss({ ...PAID_REQUEST, prompt: 'a lighthouse at dawn' });
    });

    it('for a different size', async () => {
      const request = { prompt: 'teal fog', provider: 'local', size: '256x256', seed: 7, count: 1 };
      const small = await api.images.generate(request);
      const large = await api.images.generate({ ...request, size: '512x512' });
      expect(large.cache.hit).toBe(false);
      expect(ids(large)).not.toStrictEqual(ids(small));
    });

    it('with cache: false, and the new images answer later requests', async () => {
      await expectMiss({ ...PAID_REQUEST, cache: false });
      now = new Date(now.getTime() + 60_000);
      const [newest] = await deps.db
        .select({ id: generatedImages.id, cacheKey: generatedImages.cacheKey })
        .from(generatedImages)
        .where(eq(generatedImages.id, ids(first)[0]!));
      expect(newest?.cacheKey).toMatch(/^[0-9a-f]{64}$/);
      const later = await api.images.generate(PAID_REQUEST);
      expect(later.cache.hit).toBe(true);
      expect(ids(later)).not.toStrictEqual(ids(first));
      expect(paid.calls).toHaveLength(2);
    });

    it('when the images are older than the cache window', async () => {
      now = new Date(now.getTime() + 7 * DAY_MS + 1);
      await expectMiss(PAID_REQUEST);
    });

    it('when one of the images is in the trash', async () => {
      await deps.db
        .update(generatedImages)
        .set({ deletedAt: now })
        .where(eq(generatedImages.id, ids(first)[1]!));
      await expectMiss(PAID_REQUEST);
    });

    it("when one of the images' files is gone", async () => {
      const [row] = await deps.db
        .select()
        .from(generatedImages)
        .where(eq(generatedImages.id, ids(first)[1]!));
      await rm(join(deps.storageRoot, row!.storagePath!));
      await expectMiss(PAID_REQUEST);
    });

    it("for another user's identical request", async () => {
      const other = await createTestUser(deps);
      await expectMiss(PAID_REQUEST, createActorCaller(deps, other));
    });

    it('when the earlier identical request partly failed', async () => {
      await deps.db
        .update(generatedImages)
        .set({ status: 'failed', errorMessage: 'the vendor refused this one' })
        .where(eq(generatedImages.id, ids(first)[1]!));
      await expectMiss(PAID_REQUEST);
    });
  });
});
