import { randomUUID } from 'node:crypto';
import { createMemoryRateLimiter } from '$lib/server/limits/memory';
import type { RateLimiter } from '$lib/server/limits/types';
import { createUpstashRateLimiter } from '$lib/server/limits/upstash';
import { startLocalUpstash } from '../tests/support/local-upstash';
import { summarize, timeEach } from './stats';

/** High enough that every measured call is allowed: the path a normal request takes. */
const RULE = { limit: 1_000_000, windowMs: 60_000 };

async function timeConsume(limiter: RateLimiter, calls: number) {
  const key = `bench:${randomUUID()}`;
  await timeEach(100, () => limiter.consume(key, RULE));
  return summarize(await timeEach(calls, () => limiter.consume(key, RULE)));
}

/**
 * `consume()` latency over sequential calls for one key: in-memory, and `@upstash/ratelimit` against a real
 * Redis through the Upstash REST shim (scripts/redis.sh + scripts/upstash-rest-shim.ts) when Redis is installed.
 */
export async function benchLimiter(calls = 2000) {
  const memoryMs = await timeConsume(createMemoryRateLimiter(), calls);
  let upstash: Awaited<ReturnType<typeof startLocalUpstash>>;
  try {
    upstash = await startLocalUpstash();
  } catch (error) {
    return { calls, memoryMs, upstashMs: { skipped: error instanceof Error ? error.message : String(error) } };
  }
  try {
    const upstashMs = await timeConsume(createUpstashRateLimiter(upstash), calls);
    return { calls, memoryMs, upstashMs, upstashPath: 'fetch → in-process REST shim → redis-server 7.0 on loopback' };
  } finally {
    await upstash.close();
  }
}
