import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { authenticateApiKey, createApiKey, LAST_USED_PRECISION_MS } from './api-keys';

const START = new Date('2026-11-30T12:00:00.000Z');

let deps: TestDeps;
let now: Date;
beforeEach(async () => {
  now = START;
  deps = await createTestDeps({ now: () => now });
});
afterEach(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)(authenticateApiKey.name, () => {
  const lastUsedAt = async (id: string) =>
    (await deps.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]?.lastUsedAt?.toISOString();
  const later = (ms: number) => new Date(START.getTime() + ms);

  it('should write last_used_at once for calls within a minute, and again once a minute has passed', async () => {
    const { key, secret } = await createApiKey(deps, deps.actor, { name: 'agent', scopes: ['read'] });

    await authenticateApiKey(deps, secret);
    now = later(LAST_USED_PRECISION_MS - 1);
    const second = await authenticateApiKey(deps, secret);

    expect(second?.id).toBe(deps.actor.id);
    expect(await lastUsedAt(key.id)).toBe(START.toISOString());

    now = later(LAST_USED_PRECISION_MS);
    await authenticateApiKey(deps, secret);

    expect(await lastUsedAt(key.id)).toBe(later(LAST_USED_PRECISION_MS).toISOString());
  });
});
