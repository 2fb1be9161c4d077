import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedImages } from '$lib/server/db/schema';
import { createActorCaller, toErrorBody } from '$lib/server/api';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { estimateStoredBytes } from './storage-quota';

const REQUEST = { prompt: 'a lighthouse', size: '256x256' };
const ESTIMATE = estimateStoredBytes({ count: 1, width: 256, height: 256 });

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps?.close();
});

async function refusalOf(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: unknown) => toErrorBody(error)
  );
}

describe('storage quota of images.generate', () => {
  it("should refuse with too_large, before any row, a request that would pass the user's quota an admin set", async () => {
    const admin = createActorCaller(deps, deps.actor);
    const user = await createTestUser(deps);
    const sut = createActorCaller(deps, user);
    const [stored] = (await sut.images.generate(REQUEST)).images;
    const used = stored!.fileSize!;

    await admin.admin.updateUser({ id: user.id, patch: { storageQuotaBytes: used + ESTIMATE - 1 } });
    const refusal = await refusalOf(sut.images.generate(REQUEST));
    await admin.admin.updateUser({ id: user.id, patch: { storageQuotaBytes: used + ESTIMATE } });
    const allowed = await refusalOf(sut.images.generate(REQUEST));

    expect(refusal).toMatchObject({ kind: 'too_large', code: 413 });
    expect(refusal?.message).toMatch(/^Your images use .+ of your .+ storage quota/);
    expect(refusal?.message).toContain('ask an admin to raise your storage quota');
    expect(allowed).toBeUndefined();
    const rows = await deps.db.select().from(generatedImages).where(eq(generatedImages.userId, user.id));
    expect(rows.map((row) => row.status)).toStrictEqual(['completed', 'completed']);
  });

  it('should apply the instance default quota an admin set to users without their own, and none when cleared', async () => {
    const admin = createActorCaller(deps, deps.actor);
    const sut = createActorCaller(deps, await createTestUser(deps));

    const settings = await admin.admin.updateSettings({ defaultStorageQuotaBytes: ESTIMATE - 1 });
    const refusal = await refusalOf(sut.images.generate(REQUEST));
    await admin.admin.updateSettings({ defaultStorageQuotaBytes: null });
    const allowed = await refusalOf(sut.images.generate({ ...REQUEST, count: 10 }));

    expect(settings.defaultStorageQuotaBytes).toBe(ESTIMATE - 1);
    expect(refusal).toMatchObject({ kind: 'too_large' });
    expect(allowed).toBeUndefined();
  });

  it('should count images still being made against the quota', async () => {
    const user = await createTestUser(deps, { policy: { storageQuotaBytes: 2 * ESTIMATE } });
    const sut = createActorCaller(deps, user);
    await deps.db.insert(generatedImages).values({
      userId: user.id,
      prompt: 'in flight',
      provider: 'local',
      model: 'procedural-v1',
      size: '256x256',
      status: 'generating'
    });

    expect(await refusalOf(sut.images.generate({ ...REQUEST, count: 2 }))).toMatchObject({ kind: 'too_large' });
  });
});
