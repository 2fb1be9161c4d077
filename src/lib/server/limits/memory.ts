import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { assertValidCost, assertValidRule, ruleId } from './rule';
import type { RateDecision, RateLimiter, RateRule } from './types';

/**
 * In-process fixed windows on rate-limiter-flexible. Windows are aligned to the epoch (window n covers
 * [n·windowMs, (n+1)·windowMs)) exactly like `@upstash/ratelimit`'s fixedWindow, so both limiters answer
 * alike: the window index is part of the key, and each counter expires when its window ends.
 */
export function createMemoryRateLimiter(): RateLimiter {
  const limiters = new Map<string, RateLimiterMemory>();

  function limiterFor(rule: RateRule): RateLimiterMemory {
    const id = ruleId(rule);
    let limiter = limiters.get(id);
    if (!limiter) {
      assertValidRule(rule);
      limiter = new RateLimiterMemory({ points: rule.limit, duration: rule.windowMs / 1000 });
      limiters.set(id, limiter);
    }
    return limiter;
  }

  async function consumeOrRefusal(
    limiter: RateLimiterMemory,
    key: string,
    cost: number,
    msLeft: number
  ): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(key, cost, { customDuration: msLeft / 1000 });
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return refusal;
      throw refusal;
    }
  }

  function currentWindow(rule: RateRule) {
    const now = Date.now();
    const window = Math.floor(now / rule.windowMs);
    return { window, resetAt: (window + 1) * rule.windowMs, msLeft: (window + 1) * rule.windowMs - now };
  }

  const decision = (rule: RateRule, allowed: boolean, remaining: number, resetAt: number): RateDecision => ({
    allowed,
    limit: rule.limit,
    remaining,
    resetAt,
    retryAfterMs: allowed ? 0 : Math.max(1, resetAt - Date.now())
  });

  return {
    kind: 'memory',
    async consume(key: string, rule: RateRule, cost = 1): Promise<RateDecision> {
      assertValidCost(cost);
      const { window, resetAt, msLeft } = currentWindow(rule);
      const result = await consumeOrRefusal(limiterFor(rule), `${key}:${window}`, cost, msLeft);
      return decision(rule, result.consumedPoints <= rule.limit, result.remainingPoints, resetAt);
    },
    async peek(key: string, rule: RateRule): Promise<RateDecision> {
      const { window, resetAt } = currentWindow(rule);
      const used = (await limiterFor(rule).get(`${key}:${window}`))?.consumedPoints ?? 0;
      return decision(rule, used < rule.limit, Math.max(0, rule.limit - used), resetAt);
    },
    async refund(key: string, rule: RateRule, consumed: RateDecision): Promise<void> {
      if (!consumed.allowed || Date.now() >= consumed.resetAt) return;
      const window = consumed.resetAt / rule.windowMs - 1;
      await limiterFor(rule).reward(`${key}:${window}`, 1);
    }
  };
}
