import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys, users } from '$lib/server/db/schema';
import { createActorCaller, createCaller } from '$lib/server/api/root';
import { contextFromRequest } from '$lib/server/http/context';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createApiKey } from './api-keys';
import { updateUser } from './admin';
import { loadActor, type Actor } from './users';
import { errorOf } from '$tests/support/procedure-errors';

async function bearerCaller(deps: TestDeps, secret: string) {
  const request = new Request('http://atelier.test/api/trpc/x', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}` }
  });
  return createCaller(await contextFromRequest(deps, request, null));
}

async function roleAndState(deps: TestDeps, userId: string) {
  const [row] = await deps.db.select().from(users).where(eq(users.id, userId));
  return { role: row?.role, disabled: row?.disabledAt !== null };
}

let deps: TestDeps;
let otherAdmin: Actor;
let plainUser: Actor;
beforeEach(async () => {
  deps = await createTestDeps();
  otherAdmin = await createTestUser(deps, { role: 'admin' });
  plainUser = await createTestUser(deps);
});
afterEach(async () => {
  await deps?.close();
});

describe.skipIf(postgresUnavailable)(`${updateUser.name} through an admin API key`, () => {
  const adminKeyCaller = async () =>
    bearerCaller(deps, (await createApiKey(deps, deps.actor, { name: 'ops', scopes: ['read', 'admin'] })).secret);

  it('should refuse to disable or demote another admin, saying to use the studio', async () => {
    const api = await adminKeyCaller();

    const disable = await errorOf(api.admin.updateUser({ id: otherAdmin.id, patch: { disabled: true } }));
    const demote = await errorOf(api.admin.updateUser({ id: otherAdmin.id, patch: { role: 'user' } }));

    for (const refusal of [disable, demote]) {
      expect(refusal).toMatchObject({ kind: 'forbidden', message: expect.stringContaining('studio') });
    }
    expect(await roleAndState(deps, otherAdmin.id)).toStrictEqual({ role: 'admin', disabled: false });
  });

  it('should refuse to make anyone an admin', async () => {
    const api = await adminKeyCaller();

    const promote = await errorOf(api.admin.updateUser({ id: plainUser.id, patch: { role: 'admin' } }));

    expect(promote).toMatchObject({ kind: 'forbidden', message: expect.stringContaining('studio') });
    expect(await roleAndState(deps, plainUser.id)).toStrictEqual({ role: 'user', disabled: false });
  });

  it("should still disable a plain user and change an admin's limits", async () => {
    const api = await adminKeyCaller();

    await api.admin.updateUser({ id: plainUser.id, patch: { disabled: true } });
    const limited = await api.admin.updateUser({ id: otherAdmin.id, patch: { generatePerMinute: 5 } });

    expect(await roleAndState(deps, plainUser.id)).toStrictEqual({ role: 'user', disabled: true });
    expect(limited).toMatchObject({ role: 'admin', generatePerMinute: 5 });
  });
});

describe.skipIf(postgresUnavailable)(`${updateUser.name} from a studio session`, () => {
  it('should disable and demote another admin', async () => {
    const studio = createActorCaller(deps, deps.actor, { authMethod: 'session' });

    await studio.admin.updateUser({ id: otherAdmin.id, patch: { role: 'user', disabled: true } });

    expect(await roleAndState(deps, otherAdmin.id)).toStrictEqual({ role: 'user', disabled: true });
  });

  it("should take the admin scope from a demoted user's keys for good", async () => {
    const studio = createActorCaller(deps, deps.actor, { authMethod: 'session' });
    await studio.admin.updateUser({ id: plainUser.id, patch: { role: 'admin' } });
    const promoted = await loadActor(deps, plainUser.id);
    const { key, secret } = await createApiKey(deps, promoted!, { name: 'ops', scopes: ['read', 'admin'] });
    expect(await (await bearerCaller(deps, secret)).admin.listUsers()).not.toHaveLength(0);

    await studio.admin.updateUser({ id: plainUser.id, patch: { role: 'user' } });
    const whileDemoted = await errorOf((await bearerCaller(deps, secret)).admin.listUsers());
    await studio.admin.updateUser({ id: plainUser.id, patch: { role: 'admin' } });
    const afterPromotion = await errorOf((await bearerCaller(deps, secret)).admin.listUsers());

    expect(whileDemoted.kind).toBe('forbidden');
    expect(afterPromotion.kind).toBe('forbidden');
    const [row] = await deps.db.select({ scopes: apiKeys.scopes }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.scopes).toStrictEqual(['read']);
    expect((await (await bearerCaller(deps, secret)).images.history({})).images).toStrictEqual([]);
  });
});
