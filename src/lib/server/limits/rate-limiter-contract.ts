import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RateLimiter, RateRule } from './types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Unique per call, so runs sharing one Redis never count into each other's keys. */
export const uniqueKey = (label: string) => `contract:${randomUUID()}:${label}`;

/** Windows are aligned to the epoch: when less than `roomMs` of the current one is left, wait for the next. */
export async function waitForRoomInWindow(windowMs: number, roomMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < roomMs) await sleep(left + 1);
}

async function consumeInOrder(sut: RateLimiter, key: string, rule: RateRule, times: number) {
  const decisions = [];
  for (let call = 0; call < times; call++) decisions.push(await sut.consume(key, rule));
  return decisions;
}

/** The behaviour every `RateLimiter` shares, run against the memory and the Upstash implementation. */
export function describeRateLimiterContract(name: string, makeLimiter: () => RateLimiter): void {
  describe(name, () => {
    it('should allow exactly the limit out of 200 concurrent calls for one key', async () => {
      const sut = makeLimiter();
      const rule = { limit: 50, windowMs: 60_000 };
      const key = uniqueKey('burst');
      await waitForRoomInWindow(rule.windowMs, 2_000);

      const decisions = await Promise.all(Array.from({ length: 200 }, () => sut.consume(key, rule)));

      const refused = decisions.filter((decision) => !decision.allowed);
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(50);
      expect(refused).toHaveLength(150);
      for (const decision of refused) {
        expect(decision.remaining).toBe(0);
        expect(decision.retryAfterMs).toBeGreaterThan(0);
        expect(decision.retryAfterMs).toBeLessThanOrEqual(rule.windowMs);
      }
    });

    it('should count remaining down and report the end of the epoch-aligned window', async () => {
      const sut = makeLimiter();
      const rule = { limit: 3, windowMs: 60_000 };
      await waitForRoomInWindow(rule.windowMs, 2_000);
      const before = Date.now();

      const decisions = await consumeInOrder(sut, uniqueKey('countdown'), rule, 4);

      expect(decisions.map((decision) => [decision.allowed, decision.remaining, decision.limit])).toStrictEqual([
        [true, 2, 3],
        [true, 1, 3],
        [true, 0, 3],
        [false, 0, 3]
      ]);
      const resetAt = decisions[0]!.resetAt;
      expect(decisions.every((decision) => decision.resetAt === resetAt)).toBe(true);
      expect(resetAt % rule.windowMs).toBe(0);
      expect(resetAt).toBeGreaterThan(before);
      expect(resetAt).toBeLessThanOrEqual(before + rule.windowMs);
      expect(decisions.slice(0, 3).map((decision) => decision.retryAfterMs)).toStrictEqual([0, 0, 0]);
    });

    it('should count each key on its own', async () => {
      const sut = makeLimiter();
      const rule = { limit: 2, windowMs: 60_000 };
      await waitForRoomInWindow(rule.windowMs, 2_000);
      const busy = await consumeInOrder(sut, uniqueKey('busy'), rule, 3);

      const quiet = await sut.consume(uniqueKey('quiet'), rule);

      expect(busy.at(-1)?.allowed).toBe(false);
      expect(quiet).toMatchObject({ allowed: true, remaining: 1 });
    });

    it('should keep separate counts for different rules on the same key', async () => {
      const sut = makeLimiter();
      const key = uniqueKey('shared');
      await waitForRoomInWindow(60_000, 2_000);
      const exhausted = await consumeInOrder(sut, key, { limit: 2, windowMs: 60_000 }, 3);

      const higherLimit = await sut.consume(key, { limit: 5, windowMs: 60_000 });
      const otherWindow = await sut.consume(key, { limit: 2, windowMs: 30_000 });

      expect(exhausted.at(-1)?.allowed).toBe(false);
      expect(higherLimit).toMatchObject({ allowed: true, remaining: 4, limit: 5 });
      expect(otherWindow).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    });

    it('should allow calls again once the window has passed', async () => {
      const sut = makeLimiter();
      const rule = { limit: 2, windowMs: 300 };
      const key = uniqueKey('short');
      await waitForRoomInWindow(rule.windowMs, 150);
      const [, , refused] = await consumeInOrder(sut, key, rule, 3);
      expect(refused?.allowed).toBe(false);
      expect(refused?.retryAfterMs).toBeGreaterThan(0);
      expect(refused?.retryAfterMs).toBeLessThanOrEqual(rule.windowMs);

      await sleep(refused!.retryAfterMs + 10);
      const next = await sut.consume(key, rule);

      expect(next).toMatchObject({ allowed: true, remaining: 1, retryAfterMs: 0 });
      expect(next.resetAt).toBeGreaterThan(refused!.resetAt);
      expect(next.resetAt % rule.windowMs).toBe(0);
    });

    it('should give back a refunded call, and nothing for a refused one', async () => {
      const sut = makeLimiter();
      const rule = { limit: 2, windowMs: 60_000 };
      const key = uniqueKey('refund');
      await waitForRoomInWindow(rule.windowMs, 2_000);
      const [first] = await consumeInOrder(sut, key, rule, 2);

      await sut.refund(key, rule, first!);
      const again = await sut.consume(key, rule);
      const refused = await sut.consume(key, rule);
      await sut.refund(key, rule, refused);
      const stillRefused = await sut.consume(key, rule);

      expect(again).toMatchObject({ allowed: true, remaining: 0 });
      expect([refused.allowed, stillRefused.allowed]).toStrictEqual([false, false]);
    });

    it('should count what each call costs and refuse a call that costs more than is left', async () => {
      const sut = makeLimiter();
      const rule = { limit: 10, windowMs: 60_000 };
      const key = uniqueKey('cost');
      await waitForRoomInWindow(rule.windowMs, 2_000);

      const decisions = [
        await sut.consume(key, rule, 4),
        await sut.consume(key, rule, 4),
        await sut.consume(key, rule, 3),
        await sut.consume(key, rule, 1)
      ];

      expect(decisions.map((decision) => [decision.allowed, decision.remaining])).toStrictEqual([
        [true, 6],
        [true, 2],
        [false, 0],
        [false, 0]
      ]);
      expect(decisions[2]!.retryAfterMs).toBeGreaterThan(0);
      expect(decisions[2]!.retryAfterMs).toBeLessThanOrEqual(rule.windowMs);
    });

    it('should reject a cost that is not a whole positive number', async () => {
      const sut = makeLimiter();
      const rule = { limit: 10, windowMs: 60_000 };

      await expect(sut.consume(uniqueKey('bad-cost'), rule, 0)).rejects.toThrow(RangeError);
      await expect(sut.consume(uniqueKey('bad-cost'), rule, 1.5)).rejects.toThrow(RangeError);
    });

    it('should peek at what the next call would get without counting it', async () => {
      const sut = makeLimiter();
      const rule = { limit: 2, windowMs: 60_000 };
      const key = uniqueKey('peek');
      await waitForRoomInWindow(rule.windowMs, 2_000);

      const untouched = [await sut.peek(key, rule), await sut.peek(key, rule)];
      await consumeInOrder(sut, key, rule, 1);
      const halfUsed = await sut.peek(key, rule);
      await consumeInOrder(sut, key, rule, 1);
      const spent = await sut.peek(key, rule);
      const consumedAfterPeeks = await sut.consume(key, rule);

      expect(untouched.map(({ allowed, remaining }) => [allowed, remaining])).toStrictEqual([
        [true, 2],
        [true, 2]
      ]);
      expect(halfUsed).toMatchObject({ allowed: true, remaining: 1, limit: 2, retryAfterMs: 0 });
      expect(spent).toMatchObject({ allowed: false, remaining: 0, limit: 2, resetAt: consumedAfterPeeks.resetAt });
      expect(spent.retryAfterMs).toBeGreaterThan(0);
      expect(spent.retryAfterMs).toBeLessThanOrEqual(rule.windowMs);
      expect(consumedAfterPeeks.allowed).toBe(false);
    });

    it('should reject a rule that is not whole positive numbers', async () => {
      const sut = makeLimiter();

      await expect(sut.consume(uniqueKey('bad'), { limit: 0, windowMs: 1_000 })).rejects.toThrow(RangeError);
      await expect(sut.consume(uniqueKey('bad'), { limit: 5, windowMs: 0.5 })).rejects.toThrow(RangeError);
    });
  });
}
