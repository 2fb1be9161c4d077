import { afterAll, beforeAll, describe, it } from 'vitest';
import { createUpstashRateLimiter } from '$lib/server/limits/upstash';
import { expectExactGenerateLimit } from '$tests/support/rate-limit-exactness';
import { redisUnavailable, upstashTestConfig } from '$tests/support/redis';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';

describe.skipIf(redisUnavailable)('images.generate rate limit on @upstash/ratelimit over a real Redis', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps({ limiter: createUpstashRateLimiter(upstashTestConfig()) });
  });
  afterAll(async () => {
    await deps?.close();
  });

  it('should accept exactly 50 of 200 concurrent generations at 50 per minute', async () => {
    await expectExactGenerateLimit(deps, 200, 50);
  });
});
