import { afterEach, describe, expect, it } from 'vitest';
import { generatedImages } from '$lib/server/db/schema';
import { ProviderError } from '$lib/server/providers/errors';
import type { GenerateCall } from '$lib/server/providers/types';
import { createPaidTestProvider } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { cancelGeneration } from './cancel';
import { generateImages } from '.';
import { INTERRUPTED_MESSAGES } from '../housekeeping';

/** A vendor whose job runs until canceled, like a slow Replicate prediction. */
function createLongJobVendor() {
  const vendor = createPaidTestProvider({ id: 'jobs' });
  const canceled: string[] = [];
  let started: (jobId: string) => void = () => {};
  const jobStarted = new Promise<string>((resolve) => (started = resolve));
  let stop: () => void = () => {};
  vendor.generate = async (call: GenerateCall) => {
    await call.onJobStarted?.('job-1');
    started('job-1');
    await new Promise<void>((resolve) => (stop = resolve));
    throw new ProviderError('provider_error', 'The prediction was canceled.', {
      providerId: 'jobs',
      beforePaidWork: false
    });
  };
  vendor.cancelJob = async (jobId) => {
    canceled.push(jobId);
    stop();
  };
  return { vendor, canceled, jobStarted };
}

describe(cancelGeneration.name, () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.close();
    deps = undefined;
  });

  it('should cancel the vendor job and leave every image of it canceled', async () => {
    const { vendor, canceled, jobStarted } = createLongJobVendor();
    deps = await createTestDeps({ providers: [vendor] });
    const running = generateImages(deps, deps.actor, { prompt: 'slow', count: 2 }).catch((error: unknown) => error);
    await jobStarted;
    const [row] = await deps.db.select().from(generatedImages);

    const { images } = await cancelGeneration(deps, deps.actor, row!.id);

    expect(canceled).toStrictEqual(['job-1']);
    expect(images.map((image) => image.status)).toStrictEqual(['canceled', 'canceled']);
    expect(await running).toMatchObject({ images: [{ status: 'canceled' }, { status: 'canceled' }] });
    const rows = await deps.db.select().from(generatedImages);
    expect(rows.map((r) => r.status)).toStrictEqual(['canceled', 'canceled']);
  });

  it("should treat another user's image as missing", async () => {
    const { vendor, jobStarted } = createLongJobVendor();
    deps = await createTestDeps({ providers: [vendor] });
    void generateImages(deps, deps.actor, { prompt: 'slow', count: 1 }).catch(() => undefined);
    await jobStarted;
    const [row] = await deps.db.select().from(generatedImages);
    const intruder = await createTestUser(deps, { email: 'intruder@example.com' });

    await expect(cancelGeneration(deps, intruder, row!.id)).rejects.toMatchObject({ kind: 'not_found' });
    await vendor.cancelJob!('job-1');
  });

  it('should refuse to cancel a finished image', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    const { images } = await generateImages(deps, deps.actor, { prompt: 'quick', count: 1 });
    await expect(cancelGeneration(deps, deps.actor, images[0]!.id)).rejects.toMatchObject({ kind: 'validation' });
  });

  it('should end an image whose server stopped while making it as failed, saying it was interrupted', async () => {
    let now = new Date('2030-05-01T12:00:00.000Z');
    deps = await createTestDeps({ providers: [createPaidTestProvider()], now: () => now });
    const [row] = await deps.db
      .insert(generatedImages)
      .values({
        userId: deps.actor.id,
        prompt: 'made by a killed process',
        provider: 'paid',
        model: 'paid-standard',
        size: '64x64',
        status: 'generating',
        createdAt: now
      })
      .returning();
    now = new Date(now.getTime() + deps.config.operations.staleAfterMs + 1);

    const { images } = await cancelGeneration(deps, deps.actor, row!.id);

    expect(images).toMatchObject([{ id: row!.id, status: 'failed', errorMessage: INTERRUPTED_MESSAGES.notCharged }]);
  });
});
