import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, budgetReservations, generatedImages } from '$lib/server/db/schema';
import { ProviderError } from '$lib/server/providers/errors';
import { createLocalProvider } from '$lib/server/providers/local';
import { createPaidTestProvider, PAID_STANDARD_MODEL } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { estimateOperation } from './estimate';
import { generateImages } from '.';

const REQUEST = { prompt: 'a lighthouse', count: 2 };

function outage(beforePaidWork: boolean) {
  return () =>
    new ProviderError('provider_unavailable', 'first is rate limiting this server; try again shortly.', {
      providerId: 'first',
      beforePaidWork,
      status: beforePaidWork ? 429 : undefined
    });
}

describe(generateImages.name, () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.close();
    deps = undefined;
  });

  it('should hand the request to the next provider when the first refused before paid work and fallback is on', async () => {
    const first = createPaidTestProvider({ id: 'first', failWith: outage(true) });
    const second = createPaidTestProvider({ id: 'second', standardUsd: 0.05 });
    deps = await createTestDeps({ providers: [first, second, createLocalProvider()] });

    const outcome = await generateImages(deps, deps.actor, { ...REQUEST, provider: 'first', fallback: true });

    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
    expect(outcome.images.map((image) => [image.provider, image.status, image.costUsd])).toStrictEqual([
      ['second', 'completed', 0.05],
      ['second', 'completed', 0.05]
    ]);
    expect(outcome.warnings[0]).toMatchObject({
      type: 'other',
      message: expect.stringContaining('first/paid-standard refused before doing paid work')
    });
    const reservations = await deps.db.select().from(budgetReservations);
    expect(reservations.map((r) => [r.status, r.reservedMicros, r.actualMicros])).toStrictEqual([
      ['released', 80_000, null],
      ['settled', 100_000, 100_000]
    ]);
  });

  it('should not fall back without the request allowing it', async () => {
    const first = createPaidTestProvider({ id: 'first', failWith: outage(true) });
    const second = createPaidTestProvider({ id: 'second' });
    deps = await createTestDeps({ providers: [first, second] });

    await expect(generateImages(deps, deps.actor, { ...REQUEST, provider: 'first' })).rejects.toMatchObject({
      kind: 'provider_unavailable'
    });
    expect(second.calls).toHaveLength(0);
    const rows = await deps.db.select().from(generatedImages);
    expect(rows.map((row) => [row.provider, row.status])).toStrictEqual([
      ['first', 'failed'],
      ['first', 'failed']
    ]);
  });

  it('should never fall back when the first provider may already have done paid work', async () => {
    const first = createPaidTestProvider({ id: 'first', failWith: outage(false) });
    const second = createPaidTestProvider({ id: 'second' });
    deps = await createTestDeps({ providers: [first, second] });

    await expect(
      generateImages(deps, deps.actor, { ...REQUEST, provider: 'first', fallback: true })
    ).rejects.toMatchObject({ kind: 'provider_unavailable' });
    expect(second.calls).toHaveLength(0);
  });

  it('should never fall back to the offline renderer', async () => {
    const first = createPaidTestProvider({ id: 'first', failWith: outage(true) });
    deps = await createTestDeps({ providers: [first, createLocalProvider()] });

    await expect(
      generateImages(deps, deps.actor, { ...REQUEST, provider: 'first', fallback: true })
    ).rejects.toMatchObject({ kind: 'provider_unavailable' });
    expect((await deps.db.select().from(generatedImages)).every((row) => row.provider === 'first')).toBe(true);
  });

  it('should charge what a failed call was still billed, and settle the reservation with it', async () => {
    const filtered = createPaidTestProvider({
      id: 'filtered',
      failWith: () =>
        new ProviderError('content_policy', 'The safety filter blurred the image; 3 credits were charged.', {
          providerId: 'filtered',
          beforePaidWork: false,
          costUsd: 0.03
        })
    });
    deps = await createTestDeps({ providers: [filtered] });

    await expect(generateImages(deps, deps.actor, { prompt: 'p', count: 1 })).rejects.toMatchObject({
      kind: 'content_policy'
    });
    const [reservation] = await deps.db.select().from(budgetReservations);
    expect([reservation?.status, reservation?.actualMicros]).toStrictEqual(['settled', 30_000]);
    expect((await deps.db.select().from(generatedImages))[0]?.status).toBe('failed');
  });

  it('should keep the id of a long vendor job on the rows of its batch', async () => {
    const vendor = createPaidTestProvider({ id: 'jobs' });
    const generate = vendor.generate.bind(vendor);
    let jobs = 0;
    vendor.generate = async (call) => {
      await call.onJobStarted?.(`job-${++jobs}`);
      return generate(call);
    };
    deps = await createTestDeps({ providers: [vendor] });

    const { images } = await generateImages(deps, deps.actor, { prompt: 'p', count: 6, seed: 10 });

    const rows = await deps.db.select().from(generatedImages).where(eq(generatedImages.userId, deps.actor.id));
    const taskOf = new Map(rows.map((row) => [row.id, row.taskId]));
    expect(images.map((image) => taskOf.get(image.id))).toStrictEqual([
      'job-1',
      'job-1',
      'job-1',
      'job-1',
      'job-2',
      'job-2'
    ]);
    expect(await deps.db.select().from(auditLog)).toHaveLength(1);
  });
});

describe(estimateOperation.name, () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.close();
    deps = undefined;
  });

  it('should estimate exactly what generate reserves, with the calls and warnings it would make', async () => {
    const vendor = createPaidTestProvider({ id: 'paid', standardUsd: 0.04 });
    deps = await createTestDeps({ providers: [vendor] });

    const estimate = estimateOperation(deps, deps.actor, { operation: 'generate', prompt: 'p', count: 6, seed: 3 });
    await generateImages(deps, deps.actor, { prompt: 'p', count: 6, seed: 3 });

    const [reservation] = await deps.db.select().from(budgetReservations);
    expect(estimate).toMatchObject({ provider: 'paid', model: PAID_STANDARD_MODEL, calls: 2, estimatedUsd: 0.24 });
    expect(reservation?.reservedMicros).toBe(240_000);
    expect(estimate.warnings).toStrictEqual([
      { type: 'unsupported', setting: 'seed', details: `${PAID_STANDARD_MODEL} ignores seed.` }
    ]);
    expect(vendor.calls).toHaveLength(2);
  });
});
