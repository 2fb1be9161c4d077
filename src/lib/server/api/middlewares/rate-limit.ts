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
 * `rate_limited` + `retryAfterMs` once it is spent. The tier with the fewest calls left sets the
 * `RateLimit-*` headers of the HTTP answer.
 */
export async function enforceRateLimit(ctx: ApiContext, actor: Actor, tier: RateTier): Promise<void> {
  const rule = TIER_RULES[tier](actor);
  const decision = await ctx.deps.limiter.consume(`${tier}:${actor.id}`, rule);
  const shownRemaining = Number(ctx.responseHeaders.get('ratelimit-remaining') ?? Infinity);
  if (decision.remaining <= shownRemaining) {
    ctx.responseHeaders.set('ratelimit-limit', String(decision.limit));
    ctx.responseHeaders.set('ratelimit-remaining', String(decision.remaining));
    ctx.responseHeaders.set('ratelimit-reset', String(Math.max(0, Math.ceil((decision.resetAt - Date.now()) / 1000))));
  }
  if (!decision.allowed) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    throw new AppError(
      'rate_limited',
      `You reached your limit of ${rule.limit} ${tier === 'generate' ? 'generations' : 'requests'} per minute; try again in ${seconds} s.`,
      { retryAfterMs: decision.retryAfterMs }
    );
  }
}
