import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedImages } from '$lib/server/db/schema';
import { expectExactGenerateLimit } from '$tests/support/rate-limit-exactness';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { toErrorBody } from './middlewares/error-mapping';
import { createActorCaller } from './root';

describe('images.generate rate limit on the in-memory limiter', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps();
  });
  afterAll(async () => {
    await deps?.close();
  });

  it('should accept exactly 50 of 200 concurrent generations at 50 per minute', async () => {
    await expectExactGenerateLimit(deps, 200, 50);
  });

  it('should count every image of a request and refuse one asking for more than are left, before any row', async () => {
    const user = await createTestUser(deps, { policy: { generatePerMinute: 10 } });
    const sut = createActorCaller(deps, user);
    await sut.images.generate({ prompt: 'six of ten', size: '256x256', count: 6 });

    const refusal = await sut.images.generate({ prompt: 'six more', size: '256x256', count: 6 }).then(
      () => undefined,
      (error: unknown) => toErrorBody(error)
    );

    expect(refusal).toMatchObject({ kind: 'rate_limited', code: 429 });
    expect(refusal?.message).toContain('10 images per minute (this request asked for 6)');
    expect(refusal?.retryAfterMs).toBeGreaterThan(0);
    const rows = await deps.db.select().from(generatedImages).where(eq(generatedImages.userId, user.id));
    expect(rows).toHaveLength(6);
  });
});
