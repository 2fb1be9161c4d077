import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { createActorCaller } from '$lib/server/api';
import { toErrorBody } from '$lib/server/api';
import { generatedImages } from '$lib/server/db/schema';
import type { TestDeps } from './test-deps';
import { createTestUser } from './test-users';

/**
 * The exactness check, shared by the in-memory and the Upstash suites: `attempts` concurrent
 * `images.generate` calls by one user whose limit is `limit` generations per minute.
 */
export async function expectExactGenerateLimit(deps: TestDeps, attempts: number, limit: number): Promise<void> {
  const user = await createTestUser(deps, { policy: { generatePerMinute: limit } });
  const api = createActorCaller(deps, user);

  const settled = await Promise.allSettled(
    Array.from({ length: attempts }, (_, index) => api.images.generate({ prompt: `burst ${index}`, size: '256x256' }))
  );

  const refused = settled.flatMap((result) => (result.status === 'rejected' ? [toErrorBody(result.reason)] : []));
  expect(settled.length - refused.length).toBe(limit);
  expect(refused).toHaveLength(attempts - limit);
  for (const body of refused) {
    expect(body).toMatchObject({ kind: 'rate_limited', code: 429 });
    expect(body.retryAfterMs).toBeGreaterThan(0);
    expect(body.retryAfterMs).toBeLessThanOrEqual(60_000);
  }
  const rows = await deps.db.select().from(generatedImages).where(eq(generatedImages.userId, user.id));
  expect(rows).toHaveLength(limit);
}
