/** A budget of `limit` units (calls, or images) per fixed window of `windowMs`, per key. */
export type RateRule = { limit: number; windowMs: number };

export type RateDecision = {
  allowed: boolean;
  limit: number;
  /** Units left in the current window after this call. */
  remaining: number;
  /** Epoch milliseconds when the current window ends. */
  resetAt: number;
  /** 0 when allowed; otherwise how long until a call can succeed. */
  retryAfterMs: number;
};

/**
 * Fixed-window rate limiting with one meaning for every implementation: the in-memory default
 * (rate-limiter-flexible) and Upstash (`@upstash/ratelimit`) give the same answers for the same calls.
 */
export interface RateLimiter {
  readonly kind: 'memory' | 'upstash';
  /**
   * Uses `cost` units (default 1: one call) of the key's window. A call costing more than is left is
   * refused; like every refused call it still counts, so the key stays refused until the window ends.
   */
  consume(key: string, rule: RateRule, cost?: number): Promise<RateDecision>;
  /**
   * Gives back one call that `consumed` allowed, e.g. a sign-in that turned out right when only failures
   * count. Nothing happens once that call's window has ended: the count it was part of is gone.
   */
  refund(key: string, rule: RateRule, consumed: RateDecision): Promise<void>;
  /**
   * What the next `consume` would answer, without counting a call. For limits that count only failures
   * where a success must not count even for a moment (parallel requests with a right API key): peek
   * before the work, consume after it failed.
   */
  peek(key: string, rule: RateRule): Promise<RateDecision>;
}
