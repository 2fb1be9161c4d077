import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '$lib/server/services/api-keys';
import { FAILED_KEY_ATTEMPTS } from '$lib/server/services/api-key-attempts';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createCaller } from '../api/root';
import { contextFromRequest } from './context';
import { errorOf } from '$tests/support/procedure-errors';

async function contextFrom(deps: TestDeps, ipAddress: string, secret: string) {
  const request = new Request('http://atelier.test/api/trpc/x', { headers: { authorization: `Bearer ${secret}` } });
  return contextFromRequest(deps, request, ipAddress);
}

async function historyFrom(deps: TestDeps, ipAddress: string, secret: string) {
  return createCaller(await contextFrom(deps, ipAddress, secret)).images.history({});
}

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)('failed API-key attempts per client address', () => {
  it(`should refuse every key from an address after ${FAILED_KEY_ATTEMPTS} wrong ones, even the right key`, async () => {
    const { secret } = await createApiKey(deps, deps.actor, { name: 'laptop', scopes: ['read'] });
    const wrong: string[] = [];
    for (let attempt = 0; attempt < FAILED_KEY_ATTEMPTS; attempt += 1) {
      wrong.push((await errorOf(historyFrom(deps, '203.0.113.7', `atk_guess-${attempt}`))).kind);
    }

    const nextGuess = await errorOf(historyFrom(deps, '203.0.113.7', 'atk_guess-again'));
    const rightKey = await errorOf(historyFrom(deps, '203.0.113.7', secret));
    const throttled = await contextFrom(deps, '203.0.113.7', secret);

    expect(new Set(wrong)).toStrictEqual(new Set(['unauthorized']));
    for (const refusal of [nextGuess, rightKey]) {
      expect(refusal).toMatchObject({ code: 429, kind: 'rate_limited', retryAfterMs: expect.any(Number) });
      expect(refusal.retryAfterMs).toBeGreaterThan(0);
    }
    expect(rightKey.message).toContain('wrong API keys');
    expect(Number(throttled.responseHeaders.get('retry-after'))).toBeGreaterThan(0);
  });

  it('should count only failures and only per address', async () => {
    const { secret } = await createApiKey(deps, deps.actor, { name: 'laptop', scopes: ['read'] });
    for (let attempt = 0; attempt < FAILED_KEY_ATTEMPTS * 2; attempt += 1) {
      await historyFrom(deps, '198.51.100.1', secret);
    }
    for (let attempt = 0; attempt <= FAILED_KEY_ATTEMPTS; attempt += 1) {
      await errorOf(historyFrom(deps, '198.51.100.66', 'atk_guess'));
    }

    const rightKeyAfterManyUses = await historyFrom(deps, '198.51.100.1', secret);
    const guessFromFreshAddress = await errorOf(historyFrom(deps, '198.51.100.2', 'atk_guess'));

    expect(rightKeyAfterManyUses.images).toStrictEqual([]);
    expect(guessFromFreshAddress.kind).toBe('unauthorized');
  });
});
