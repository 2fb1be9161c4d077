import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectExactGenerateLimit } from '../../../../tests/support/rate-limit-exactness';
import { createTestDeps, type TestDeps } from '../../../../tests/support/test-deps';

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
});
