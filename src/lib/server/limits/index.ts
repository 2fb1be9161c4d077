import type { Config } from '../config';
import { createMemoryRateLimiter } from './memory';
import type { RateLimiter } from './types';
import { createUpstashRateLimiter } from './upstash';

export type { RateDecision, RateLimiter, RateRule } from './types';

/** Upstash when `UPSTASH_REDIS_REST_URL`/`TOKEN` are configured, otherwise the in-process default. */
export function createRateLimiter(config: Pick<Config, 'upstash'>): RateLimiter {
  return config.upstash ? createUpstashRateLimiter(config.upstash) : createMemoryRateLimiter();
}
