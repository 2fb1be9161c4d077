import { AppError } from '../../errors';
import type { Actor } from '../../services/users';
import type { ApiContext } from '../context';

export type RateTier = 'requests' | 'generate';

const TIER_RULES = {
  requests: (actor: Actor) => ({ limit: actor.policy.requestsPerMinute, windowMs: 60_000 }),
  generate: (actor: Actor) => ({ limit: actor.policy.generatePerMinute, windowMs: 60_000 })
} satisfies Record<RateTier, (actor: Actor) => { limit: number; windowMs: number }>;

/**
 * Counts this call against the actor's tier (per minute, settable by admins per user) and refuses with
 * `rate_limited` + `retryAfterMs` once it is spent. A call costs `cost` units: one per request, and
 * one per image in the `generate` tier. The tier with the fewest units left sets the `RateLimit-*`
 * headers of the HTTP answer.
 */
export async function enforceRateLimit(ctx: ApiContext, actor: Actor, tier: RateTier, cost = 1): Promise<void> {
  const rule = TIER_RULES[tier](actor);
  const decision = await ctx.deps.limiter.consume(`${tier}:${actor.id}`, rule, cost);
  const shownRemaining = Number(ctx.responseHeaders.get('ratelimit-remaining') ?? Infinity);
  if (decision.remaining <= shownRemaining) {
    ctx.responseHeaders.set('ratelimit-limit', String(decision.limit));
    ctx.responseHeaders.set('ratelimit-remaining', String(decision.remaining));
    ctx.responseHeaders.set('ratelimit-reset', String(Math.max(0, Math.ceil((decision.resetAt - Date.now()) / 1000))));
  }
  if (!decision.allowed) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    const unit = tier === 'generate' ? 'images' : 'requests';
    const asked = cost > 1 ? ` (this request asked for ${cost})` : '';
    throw new AppError(
      'rate_limited',
      `You reached your limit of ${rule.limit} ${unit} per minute${asked}; try again in ${seconds} s.`,
      { retryAfterMs: decision.retryAfterMs }
    );
  }
}
