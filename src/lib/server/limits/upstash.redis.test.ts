import { describe, expect, it } from 'vitest';
import { redisUnavailable, upstashTestConfig } from '$tests/support/redis';
import { createMemoryRateLimiter } from './memory';
import { describeRateLimiterContract, uniqueKey, waitForRoomInWindow } from './rate-limiter-contract';
import type { RateLimiter, RateRule } from './types';
import { createUpstashRateLimiter } from './upstash';

describe.skipIf(redisUnavailable)('createUpstashRateLimiter against Redis', () => {
  describeRateLimiterContract(createUpstashRateLimiter.name, () => createUpstashRateLimiter(upstashTestConfig()));

  it('should give the same decisions as the memory limiter for the same calls', async () => {
    const tight: RateRule = { limit: 2, windowMs: 60_000 };
    const loose: RateRule = { limit: 4, windowMs: 60_000 };
    const [alice, bob] = [uniqueKey('alice'), uniqueKey('bob')];
    const calls: [string, RateRule][] = [
      [alice, tight],
      [alice, tight],
      [alice, loose],
      [bob, tight],
      [alice, tight],
      [bob, loose],
      [bob, tight],
      [bob, tight],
      [alice, loose]
    ];
    const decide = async (sut: RateLimiter) => {
      const decisions = [];
      for (const [key, rule] of calls) {
        const { allowed, remaining, limit, resetAt } = await sut.consume(key, rule);
        decisions.push({ allowed, remaining, limit, resetAt });
      }
      return decisions;
    };
    await waitForRoomInWindow(60_000, 2_000);

    const upstash = await decide(createUpstashRateLimiter(upstashTestConfig()));
    const memory = await decide(createMemoryRateLimiter());

    expect(upstash).toStrictEqual(memory);
    expect(upstash.filter((decision) => !decision.allowed)).toHaveLength(2);
  });
});
