import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetReservations, generatedImages } from '$lib/server/db/schema';
import { withConcurrencyLimit } from '$lib/server/providers/concurrency';
import type { GenerateCall, ImageProviderV1 } from '$lib/server/providers/types';
import { createPaidTestProvider } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { cancelGeneration, generateImages, type OperationProgress } from '.';

/** The paid test vendor, answering its first call at once and every later one only when its signal aborts. */
function createSlowVendor(options: { knobs?: 'seed'; oneSeedPerCall?: boolean } = {}) {
  const vendor = createPaidTestProvider({ id: 'slow' });
  for (const model of vendor.models) {
    if (options.knobs) model.knobs.push(options.knobs);
    if (options.oneSeedPerCall) model.oneSeedPerCall = true;
  }
  const answer = vendor.generate.bind(vendor);
  let firstAnswered: () => void = () => {};
  const firstCall = new Promise<void>((resolve) => (firstAnswered = resolve));
  const started: GenerateCall[] = [];
  vendor.generate = async (call) => {
    started.push(call);
    if (started.length === 1) {
      const result = await answer(call);
      setImmediate(firstAnswered);
      return result;
    }
    await new Promise<void>((_, reject) =>
      call.signal?.addEventListener('abort', () => reject(call.signal?.reason), { once: true })
    );
    throw new Error('unreachable');
  };
  return { vendor, started, firstCall };
}

async function statusesOf(deps: TestDeps): Promise<string[]> {
  const rows = await deps.db.select().from(generatedImages).where(eq(generatedImages.userId, deps.actor.id));
  return rows.map((row) => row.status).sort();
}

describe('the operation pipeline', () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.close();
    deps = undefined;
  });

  async function depsWith(vendor: ImageProviderV1, maxConcurrency = 4): Promise<TestDeps> {
    deps = await createTestDeps({ providers: [withConcurrencyLimit(vendor, maxConcurrency)] });
    return deps;
  }

  it('should keep what was made, cancel the rest and charge only the answered call when the caller aborts', async () => {
    const { vendor, started, firstCall } = createSlowVendor();
    const deps = await depsWith(vendor, 1);
    const caller = new AbortController();

    const running = generateImages(deps, deps.actor, { prompt: 'p', count: 10 }, { signal: caller.signal });
    await firstCall;
    caller.abort();
    const { images } = await running;

    expect(images.map((image) => image.status)).toStrictEqual([
      ...Array<string>(4).fill('completed'),
      ...Array<string>(6).fill('canceled')
    ]);
    // Three calls of at most four images, one slot: the third call never reached the vendor.
    expect(started).toHaveLength(2);
    expect(await statusesOf(deps)).toStrictEqual([...Array(6).fill('canceled'), ...Array(4).fill('completed')]);
    const [reservation] = await deps.db.select().from(budgetReservations);
    expect(reservation).toMatchObject({ status: 'settled', actualMicros: 4 * 40_000 });
  });

  it('should release the reservation when the caller aborts before any call answered', async () => {
    const { vendor } = createSlowVendor();
    vendor.generate = (call) =>
      new Promise((_, reject) => call.signal?.addEventListener('abort', () => reject(call.signal?.reason)));
    const deps = await depsWith(vendor);
    const caller = new AbortController();

    const running = generateImages(
      deps,
      deps.actor,
      { prompt: 'p', count: 3 },
      { signal: caller.signal, onProgress: (event) => event.stage === 'calling' && caller.abort() }
    );
    const { images } = await running;

    expect(images.map((image) => image.status)).toStrictEqual(['canceled', 'canceled', 'canceled']);
    const [reservation] = await deps.db.select().from(budgetReservations);
    expect(reservation?.status).toBe('released');
  });

  it('should stop an operation of this process through images.cancel, whatever its provider', async () => {
    const { vendor, firstCall } = createSlowVendor();
    const deps = await depsWith(vendor);
    const running = generateImages(deps, deps.actor, { prompt: 'p', count: 8 });
    await firstCall;
    const [unfinished] = await deps.db.select().from(generatedImages).where(eq(generatedImages.status, 'generating'));

    const { images } = await cancelGeneration(deps, deps.actor, unfinished!.id);

    expect(images.filter((image) => image.status === 'canceled')).toHaveLength(4);
    expect((await running).images.filter((image) => image.status === 'completed')).toHaveLength(4);
  });

  it('should report planned, calling, each image as it ends, then done', async () => {
    const vendor = createPaidTestProvider();
    const deps = await depsWith(vendor);
    const events: OperationProgress[] = [];

    const { images } = await generateImages(
      deps,
      deps.actor,
      { prompt: 'p', count: 6 },
      { onProgress: (event) => events.push(event) }
    );

    expect(events.map((event) => event.stage)).toStrictEqual(['planned', 'calling', ...Array(6).fill('image'), 'done']);
    expect(events[0]).toMatchObject({ total: 6, provider: 'paid', estimatedUsd: 0.24 });
    const imageEvents = events.filter((event) => event.stage === 'image');
    expect(imageEvents.map((event) => event.done)).toStrictEqual([1, 2, 3, 4, 5, 6]);
    expect(imageEvents.map((event) => event.image.id).sort()).toStrictEqual(images.map((image) => image.id).sort());
    expect(events.at(-1)).toStrictEqual({ stage: 'done', total: 6, completed: 6 });
  });

  it('should make one call per image with seed + i where the vendor stamps one seed on a whole call', async () => {
    const vendor = createPaidTestProvider();
    for (const model of vendor.models) Object.assign(model, { knobs: ['seed'], oneSeedPerCall: true });
    const deps = await depsWith(vendor);

    const { images } = await generateImages(deps, deps.actor, { prompt: 'p', count: 4, seed: 7 });

    expect(vendor.calls.map((call) => [call.count, call.seed]).sort((a, b) => a[1]! - b[1]!)).toStrictEqual([
      [1, 7],
      [1, 8],
      [1, 9],
      [1, 10]
    ]);
    expect(images.map((image) => image.seed)).toStrictEqual([7, 8, 9, 10]);
  });

  it('should draw and record a seed for every image when the model takes seeds and the request has none', async () => {
    const vendor = createPaidTestProvider();
    for (const model of vendor.models) model.knobs.push('seed');
    const deps = await depsWith(vendor);

    const { images } = await generateImages(deps, deps.actor, { prompt: 'p', count: 3 });

    const [first] = images.map((image) => image.seed);
    expect(first).toBeTypeOf('number');
    expect(images.map((image) => image.seed)).toStrictEqual([first, first! + 1, first! + 2]);
    expect(vendor.calls[0]?.seed).toBe(first);
  });
});
