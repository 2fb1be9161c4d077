import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { assertValidCost, assertValidRule, ruleId } from './rule';
import type { RateDecision, RateLimiter, RateRule } from './types';

const KEY_PREFIX = 'atelier:rl';

/**
 * `@upstash/ratelimit` fixed windows (aligned to the epoch, one Redis counter per key and window).
 * The Redis client is created here, not at import, and the constructor does no network I/O.
 *
 * - The rule is part of the prefix: two rules with the same window but different limits would
 *   otherwise count into the same Redis key.
 * - `ephemeralCache` stays on: it only remembers keys refused in this process until their window
 *   ends, and a fixed window never lets a refused key through before then, so answers stay exact
 *   while floods of refused calls skip the round trip to Redis.
 * - `timeout: 0`: the library's default answers "allowed" (with limit 0 and reset 0) when Redis is
 *   slower than 5 s. We want a real decision or an error the caller can see.
 */
export function createUpstashRateLimiter(options: { url: string; token: string }): RateLimiter {
  const redis = new Redis({ url: options.url, token: options.token });
  const limiters = new Map<string, Ratelimit>();

  function limiterFor(rule: RateRule): Ratelimit {
    const id = ruleId(rule);
    let limiter = limiters.get(id);
    if (!limiter) {
      assertValidRule(rule);
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.fixedWindow(rule.limit, `${rule.windowMs} ms`),
        prefix: `${KEY_PREFIX}:${id}`,
        analytics: false,
        timeout: 0
      });
      limiters.set(id, limiter);
    }
    return limiter;
  }

  return {
    kind: 'upstash',
    async consume(key: string, rule: RateRule, cost = 1): Promise<RateDecision> {
      assertValidCost(cost);
      const result = await limiterFor(rule).limit(key, { rate: cost });
      return {
        allowed: result.success,
        limit: rule.limit,
        remaining: result.remaining,
        resetAt: result.reset,
        retryAfterMs: result.success ? 0 : Math.max(1, result.reset - Date.now())
      };
    },
    async refund(key: string, rule: RateRule, consumed: RateDecision): Promise<void> {
      // A negative rate decrements the current window's counter; the window of `consumed` may have ended.
      if (!consumed.allowed || Date.now() >= consumed.resetAt) return;
      await limiterFor(rule).limit(key, { rate: -1 });
    },
    async peek(key: string, rule: RateRule): Promise<RateDecision> {
      const { remaining, reset } = await limiterFor(rule).getRemaining(key);
      return {
        allowed: remaining > 0,
        limit: rule.limit,
        remaining,
        resetAt: reset,
        retryAfterMs: remaining > 0 ? 0 : Math.max(1, reset - Date.now())
      };
    }
  };
}
