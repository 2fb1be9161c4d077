import { inject } from 'vitest';

/**
 * True in the `redis` project when its setup could not start Redis (never on CI, where the setup fails
 * instead). Guard suites with `describe.skipIf(redisUnavailable)`.
 */
export const redisUnavailable: boolean = !inject('redis').available;

/** Upstash settings pointing at the run's REST shim over the throwaway Redis. */
export function upstashTestConfig(): { url: string; token: string } {
  const server = inject('redis');
  if (!server.available) {
    throw new Error(`Redis is unavailable (${server.reason}); guard the suite with describe.skipIf(redisUnavailable).`);
  }
  return { url: server.restUrl, token: server.token };
}
