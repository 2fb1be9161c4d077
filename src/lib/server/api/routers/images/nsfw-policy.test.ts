import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generatedImages, instanceSettings, type ContentPolicy } from '$lib/server/db/schema';
import { parseConfig } from '$lib/server/config';
import { encodeRgba, nsfwModel } from '$lib/server/images';
import { createLocalProvider } from '$lib/server/providers/local';
import { getBudgetStatus } from '$lib/server/services/budgets';
import { listFiles } from '$tests/support/files';
import { createPaidTestProvider, PAID_EDITOR_MODEL, type PaidTestProvider } from '$tests/support/paid-test-provider';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createActorCaller } from '../../root';

/** Threshold 0 flags every image (scores are ≥ 0), 1.01 none (scores are ≤ 1). */
const FLAG_ALL = 0;
const FLAG_NONE = 1.01;

let deps: TestDeps;
let paid: PaidTestProvider;

async function setPolicy(contentPolicy: ContentPolicy, threshold: number, enabled = true) {
  await deps.db
    .update(instanceSettings)
    .set({ contentPolicy, nsfwThreshold: threshold, nsfwClassifierEnabled: enabled })
    .where(eq(instanceSettings.id, 1));
}

async function storedRows() {
  return deps.db.select().from(generatedImages).where(eq(generatedImages.userId, deps.actor.id));
}

async function uploadDataUrl(): Promise<string> {
  const bytes = await encodeRgba(new Uint8Array(48 * 48 * 4).fill(200), 48, 48);
  return `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
}

beforeAll(async () => {
  // The first load decodes the packaged weights and saves them to the data directory's model cache.
  await nsfwModel(parseConfig({ LOG_LEVEL: 'silent' }).nsfwModelDirectory);
});

beforeEach(async () => {
  paid = createPaidTestProvider();
  deps = await createTestDeps({ providers: [createLocalProvider(), paid] });
});

afterEach(() => deps.close());

describe('the NSFW classifier on generated images', () => {
  it('should store no verdict while the instance does not run it', async () => {
    await setPolicy('block', FLAG_ALL, false);

    const { images } = await createActorCaller(deps, deps.actor).images.generate({ prompt: 'a quiet harbour' });

    expect(images[0]).toMatchObject({ status: 'completed', safety: null });
  });

  it.each([
    ['blur', true],
    ['allow', false]
  ] as const)(
    'should keep an image over the threshold under %s with its scores in 0–1, flagged for blurring: %s',
    async (policy, flagged) => {
      await setPolicy(policy, FLAG_ALL);

      const { images } = await createActorCaller(deps, deps.actor).images.generate({ prompt: 'a quiet harbour' });

      expect(images[0]).toMatchObject({ status: 'completed', safety: { flagged } });
      const [row] = await storedRows();
      expect(row!.safety!.nsfwScore).toBeGreaterThanOrEqual(0);
      expect(row!.safety!.nsfwScore).toBeLessThanOrEqual(1);
      expect(Object.keys(row!.safety!.classes).sort()).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
      expect(await listFiles(deps.storageRoot)).toHaveLength(2);
    }
  );

  it('should keep an image under the threshold unflagged, even under block', async () => {
    await setPolicy('block', FLAG_NONE);

    const { images } = await createActorCaller(deps, deps.actor).images.generate({ prompt: 'a quiet harbour' });

    expect(images[0]).toMatchObject({ status: 'completed', safety: { flagged: false } });
  });

  it('should refuse a flagged output under block with content_policy: no row, no file, the paid call charged', async () => {
    await setPolicy('block', FLAG_ALL);

    const refusal = await errorOf(
      createActorCaller(deps, deps.actor).images.generate({ prompt: 'a quiet harbour', provider: 'paid', count: 2 })
    );

    expect(refusal).toMatchObject({ kind: 'content_policy' });
    expect(refusal.message).toContain('flagged as sexual content by the NSFW classifier');
    expect(paid.calls).toHaveLength(1);
    expect(await storedRows()).toEqual([]);
    expect(await listFiles(deps.storageRoot)).toEqual([]);
    const budget = await getBudgetStatus(deps, deps.actor);
    expect(budget).toMatchObject({ spentMicros: 80_000, reservedMicros: 0 });
  });
});

describe('the NSFW classifier on uploaded edit inputs', () => {
  it('should refuse a flagged upload under block before the paid call: nothing stored, nothing charged', async () => {
    await setPolicy('block', FLAG_ALL);

    const refusal = await errorOf(
      createActorCaller(deps, deps.actor).images.vary({
        image: await uploadDataUrl(),
        provider: 'paid',
        model: PAID_EDITOR_MODEL
      })
    );

    expect(refusal).toMatchObject({ kind: 'content_policy' });
    expect(refusal.message).toContain('The uploaded image was flagged');
    expect(paid.editCalls).toEqual([]);
    expect(await storedRows()).toEqual([]);
    expect(await listFiles(deps.storageRoot)).toEqual([]);
    expect(await getBudgetStatus(deps, deps.actor)).toMatchObject({ spentMicros: 0, reservedMicros: 0 });
  });

  it('should refuse a flagged style image under block before the restyle runs', async () => {
    await setPolicy('block', FLAG_ALL, false);
    const caller = createActorCaller(deps, deps.actor);
    const { image: source } = await caller.images.upload({ image: await uploadDataUrl(), name: 'kept before' });
    await setPolicy('block', FLAG_ALL);

    const refusal = await errorOf(caller.images.restyle({ image: source.id, styleImage: await uploadDataUrl() }));

    expect(refusal).toMatchObject({ kind: 'content_policy' });
    expect((await storedRows()).map((row) => row.id)).toEqual([source.id]);
  });

  it('should keep a flagged upload under blur with its verdict', async () => {
    await setPolicy('blur', FLAG_ALL);

    const { image } = await createActorCaller(deps, deps.actor).images.upload({ image: await uploadDataUrl() });

    expect(image).toMatchObject({ editType: 'upload', safety: { flagged: true } });
  });
});
