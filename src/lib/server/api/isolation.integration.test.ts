import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { collectionImages, imageCollections, oauthClients, oauthConsents, users } from '$lib/server/db/schema';
import { createApiKey } from '$lib/server/services/api-keys';
import type { Actor } from '$lib/server/services/users';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { appRouter, createActorCaller, type ApiCaller } from './root';
import { errorOf } from '$tests/support/procedure-errors';

type Fixture = {
  ownerImageId: string;
  ownerKeyId: string;
  ownerId: string;
  ownerCollectionId: string;
  ownerPresetId: string;
  ownerTemplateId: string;
  ownerPublicTemplateId: string;
  ownerAppClientId: string;
};

/**
 * Every procedure, called by a second, ordinary user with the owner's ids. Each entry says what must happen;
 * a procedure added to the router without an entry here fails the first test, so none escapes the walk.
 */
const walk: Record<string, (asIntruder: ApiCaller, fixture: Fixture) => Promise<void>> = {
  'images.get': async (api, { ownerImageId }) => {
    const foreign = await errorOf(api.images.get({ id: ownerImageId }));
    const missing = await errorOf(api.images.get({ id: randomUUID() }));
    expect(foreign.kind).toBe('not_found');
    expect(foreign.message.replace(ownerImageId, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
  },
  'images.content': async (api, { ownerImageId }) => {
    expect((await errorOf(api.images.content({ id: ownerImageId }))).kind).toBe('not_found');
  },
  'images.download': async (api, { ownerImageId }) => {
    const foreign = await errorOf(api.images.download({ id: ownerImageId, format: 'png' }));
    const missing = await errorOf(api.images.download({ id: randomUUID(), format: 'png' }));
    expect(foreign.kind).toBe('not_found');
    expect(foreign.message.replace(ownerImageId, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
  },
  'images.history': async (api, { ownerImageId }) => {
    const page = await api.images.history({ limit: 100 });
    expect(page.images.map((image) => image.id)).not.toContain(ownerImageId);
  },
  'images.generate': async (api, { ownerImageId }) => {
    const { images } = await api.images.generate({ prompt: 'mine', size: '256x256' });
    expect(images[0]?.id).not.toBe(ownerImageId);
  },
  'images.generateWithProgress': async (api, { ownerImageId }) => {
    const ids: string[] = [];
    for await (const update of await api.images.generateWithProgress({ prompt: 'mine', size: '256x256' })) {
      if (update.type === 'progress' && update.event.stage === 'image') ids.push(update.event.image.id);
      if (update.type === 'result') ids.push(...update.outcome.images.map((image) => image.id));
    }
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(ownerImageId);
  },
  'images.estimate': async (api) => {
    expect((await api.images.estimate({ prompt: 'mine', size: '256x256', count: 1 })).estimatedUsd).toBe(0);
  },
  'images.edit': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (image) => api.images.edit({ image, mask: image })),
  'images.vary': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (image) => api.images.vary({ image })),
  'images.upscale': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (image) => api.images.upscale({ image: `atelier://images/${image}` })),
  'images.restyle': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (image) => api.images.restyle({ image, look: 'noir' })),
  'images.removeBackground': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (image) => api.images.removeBackground({ image })),
  'images.upload': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (image) => api.images.upload({ image })),
  'images.lineage': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (id) => api.images.lineage({ id })),
  'images.cancel': async (api, { ownerImageId }) => {
    const foreign = await errorOf(api.images.cancel({ id: ownerImageId }));
    const missing = await errorOf(api.images.cancel({ id: randomUUID() }));
    expect(foreign.kind).toBe('not_found');
    expect(foreign.message.replace(ownerImageId, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
  },
  'images.search': async (api, { ownerImageId }) => {
    for (const query of [{}, { trash: true }, { text: 'private' }]) {
      const page = await api.images.search({ ...query, limit: 100 });
      expect(page.images.map((image) => image.id)).not.toContain(ownerImageId);
    }
  },
  'images.archive': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (id) => api.images.archive({ ids: [id] })),
  'images.favorite': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (id) => api.images.favorite({ ids: [id] })),
  'images.delete': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (id) => api.images.delete({ ids: [id] })),
  'images.restore': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (id) => api.images.restore({ ids: [id] })),
  'images.purge': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (id) => api.images.purge({ ids: [id] })),
  'images.analyze': async (api, { ownerImageId }) => {
    const foreign = await errorOf(api.images.analyze({ image: `atelier://images/${ownerImageId}` }));
    const missing = await errorOf(api.images.analyze({ image: `atelier://images/${randomUUID()}` }));
    expect(foreign.kind).toBe('not_found');
    expect(foreign.message.replace(ownerImageId, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
  },
  'images.report': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (id) => api.images.report({ id, reason: 'spam' })),
  'images.emptyTrash': async (api) => {
    expect((await api.images.emptyTrash()).purged).toBe(0);
  },
  'collections.list': async (api, { ownerCollectionId }) => {
    const { collections } = await api.collections.list();
    expect(collections.map((collection) => collection.id)).not.toContain(ownerCollectionId);
  },
  'collections.get': async (api, { ownerCollectionId }) =>
    expectNotFoundLikeMissing(ownerCollectionId, (id) => api.collections.get({ id })),
  'collections.create': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (image) =>
      api.collections.create({ name: `mine ${randomUUID()}`, imageIds: [image] })
    ),
  'collections.update': async (api, { ownerCollectionId }) =>
    expectNotFoundLikeMissing(ownerCollectionId, (id) => api.collections.update({ id, name: 'taken over' })),
  'collections.delete': async (api, { ownerCollectionId }) =>
    expectNotFoundLikeMissing(ownerCollectionId, (id) => api.collections.delete({ id })),
  'collections.addImages': async (api, { ownerCollectionId, ownerImageId }) =>
    expectNotFoundLikeMissing(ownerCollectionId, (id) => api.collections.addImages({ id, imageIds: [ownerImageId] })),
  'collections.removeImages': async (api, { ownerCollectionId, ownerImageId }) =>
    expectNotFoundLikeMissing(ownerCollectionId, (id) =>
      api.collections.removeImages({ id, imageIds: [ownerImageId] })
    ),
  'collections.reorder': async (api, { ownerCollectionId, ownerImageId }) =>
    expectNotFoundLikeMissing(ownerCollectionId, (id) => api.collections.reorder({ id, imageIds: [ownerImageId] })),
  'prompts.enhance': async (api) => {
    // The owner's image prompt ("private") and preset ("secret") must not leak into another user's answer.
    expect(JSON.stringify(await api.prompts.enhance({ prompt: 'mine' }))).not.toMatch(/private|secret/);
  },
  'presets.list': async (api, { ownerPresetId }) => {
    expect((await api.presets.list()).presets.map((preset) => preset.id)).not.toContain(ownerPresetId);
  },
  'presets.create': async (api) => {
    expect((await api.presets.create({ name: `private look ${randomUUID()}` })).builtIn).toBe(false);
  },
  'presets.update': async (api, { ownerPresetId }) =>
    expectNotFoundLikeMissing(ownerPresetId, (id) => api.presets.update({ id, name: 'taken over' })),
  'presets.delete': async (api, { ownerPresetId }) =>
    expectNotFoundLikeMissing(ownerPresetId, (id) => api.presets.delete({ id })),
  'presets.use': async (api, { ownerPresetId }) =>
    expectNotFoundLikeMissing(ownerPresetId, (id) => api.presets.use({ id, prompt: 'x' })),
  'presets.fromImage': async (api, { ownerImageId }) =>
    expectNotFoundLikeMissing(ownerImageId, (imageId) => api.presets.fromImage({ imageId, name: 'stolen' })),
  'templates.list': async (api, { ownerTemplateId, ownerPublicTemplateId }) => {
    const ids = (await api.templates.list()).templates.map((template) => template.id);
    expect(ids).not.toContain(ownerTemplateId);
    expect(ids).toContain(ownerPublicTemplateId);
  },
  'templates.create': async (api) => {
    expect((await api.templates.create({ name: 'private', template: '{x}' })).own).toBe(true);
  },
  'templates.update': async (api, { ownerTemplateId, ownerPublicTemplateId }) => {
    await expectNotFoundLikeMissing(ownerTemplateId, (id) => api.templates.update({ id, name: 'taken over' }));
    const error = await errorOf(api.templates.update({ id: ownerPublicTemplateId, name: 'taken over' }));
    expect(error.kind).toBe('forbidden');
  },
  'templates.delete': async (api, { ownerTemplateId, ownerPublicTemplateId }) => {
    await expectNotFoundLikeMissing(ownerTemplateId, (id) => api.templates.delete({ id }));
    expect((await errorOf(api.templates.delete({ id: ownerPublicTemplateId }))).kind).toBe('forbidden');
  },
  'templates.render': async (api, { ownerTemplateId, ownerPublicTemplateId }) => {
    await expectNotFoundLikeMissing(ownerTemplateId, (id) => api.templates.render({ id, variables: { x: 'y' } }));
    expect((await api.templates.render({ id: ownerPublicTemplateId, variables: { x: 'shared' } })).prompt).toBe(
      'shared by the owner'
    );
  },
  'keys.revoke': async (api, { ownerKeyId }) => {
    const foreign = await errorOf(api.keys.revoke({ id: ownerKeyId }));
    const missing = await errorOf(api.keys.revoke({ id: randomUUID() }));
    expect(foreign).toStrictEqual(missing);
    expect(foreign.kind).toBe('not_found');
  },
  'keys.list': async (api, { ownerKeyId }) => {
    expect((await api.keys.list()).map((key) => key.id)).not.toContain(ownerKeyId);
  },
  'keys.create': async (api) => {
    expect((await errorOf(api.keys.create({ name: 'escalate', scopes: ['admin'] }))).kind).toBe('forbidden');
  },
  'apps.list': async (api, { ownerAppClientId }) => {
    expect((await api.apps.list()).map((app) => app.clientId)).not.toContain(ownerAppClientId);
  },
  'apps.revoke': async (api, { ownerAppClientId }) => {
    const foreign = await errorOf(api.apps.revoke({ clientId: ownerAppClientId }));
    const missing = await errorOf(api.apps.revoke({ clientId: randomUUID() }));
    expect(foreign).toStrictEqual(missing);
    expect(foreign.kind).toBe('not_found');
  },
  // A registered app's name is what its consent page shows anyone it asks; who allowed it is not.
  'apps.client': async (api, { ownerAppClientId }) => {
    expect(await api.apps.client({ clientId: ownerAppClientId })).toStrictEqual({
      clientId: ownerAppClientId,
      name: 'Owner app',
      uri: null
    });
  },
  'account.me': async (api, { ownerId }) => {
    expect((await api.account.me()).id).not.toBe(ownerId);
  },
  // The owner's own spending-confirmation threshold (set in the fixture, $7) is not what another user gets.
  'account.spendingConfirmation': async (api) => {
    expect((await api.account.spendingConfirmation()).confirmAboveUsd).not.toBe(7);
  },
  'account.setupStatus': async (api) => {
    expect(await api.account.setupStatus()).toMatchObject({ setupRequired: false });
  },
  'account.invite': async (api) => {
    expect(await api.account.invite({ code: 'not-an-invite' })).toBeNull();
  },
  'providers.list': async (api) => {
    expect((await api.providers.list()).length).toBeGreaterThan(0);
  },
  'system.health': async (api) => {
    expect((await api.system.health()).status).toBeDefined();
  },
  'admin.listUsers': async (api) => expectForbidden(api.admin.listUsers()),
  'admin.updateUser': async (api, { ownerId }) =>
    expectForbidden(api.admin.updateUser({ id: ownerId, patch: { disabled: true } })),
  'admin.getSettings': async (api) => expectForbidden(api.admin.getSettings()),
  'admin.updateSettings': async (api) => expectForbidden(api.admin.updateSettings({ signUpPolicy: 'open' })),
  'admin.createInvite': async (api) => expectForbidden(api.admin.createInvite({})),
  'admin.auditLog': async (api) => expectForbidden(api.admin.auditLog({ limit: 5 })),
  'admin.reports': async (api) => expectForbidden(api.admin.reports({})),
  'admin.decideReport': async (api) => expectForbidden(api.admin.decideReport({ id: randomUUID(), decision: 'hide' }))
};

/** The owner's image (collection, …) answers exactly as one that does not exist. */
async function expectNotFoundLikeMissing(ownersId: string, call: (id: string) => Promise<unknown>) {
  const foreign = await errorOf(call(ownersId));
  const missing = await errorOf(call(randomUUID()));
  expect(foreign.kind).toBe('not_found');
  expect(foreign.message.replace(ownersId, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
}

async function expectForbidden(promise: Promise<unknown>) {
  const body = await errorOf(promise);
  expect(body.kind).toBe('forbidden');
  expect(body.message).toBe('Only admins can do this.');
}

describe.skipIf(postgresUnavailable)('per-user isolation', () => {
  let deps: TestDeps;
  let owner: Actor;
  let intruder: Actor;
  let fixture: Fixture;

  beforeAll(async () => {
    deps = await createTestDeps();
    owner = await createTestUser(deps);
    intruder = await createTestUser(deps);
    const ownerApi = createActorCaller(deps, owner);
    const { images } = await ownerApi.images.generate({ prompt: 'private', size: '256x256' });
    const { key } = await createApiKey(deps, owner, { name: 'owner key', scopes: ['read'] });
    await deps.db.update(users).set({ confirmSpendAboveMicros: 7_000_000 }).where(eq(users.id, owner.id));
    // Made in the table so the walk does not depend on collections.create working for the owner.
    const [collection] = await deps.db
      .insert(imageCollections)
      .values({ userId: owner.id, name: 'private set' })
      .returning();
    await deps.db.insert(collectionImages).values({ collectionId: collection!.id, imageId: images[0]!.id });
    const preset = await ownerApi.presets.create({ name: 'private look', promptPrefix: 'secret' });
    const template = await ownerApi.templates.create({ name: 'private', template: '{x} in private' });
    const shared = await ownerApi.templates.create({ name: 'shared', template: '{x} by the owner', isPublic: true });
    // An app the owner allowed through OAuth, as better-auth's provider stores it after the consent page.
    const ownerAppClientId = `app-${randomUUID()}`;
    await deps.db
      .insert(oauthClients)
      .values({ clientId: ownerAppClientId, name: 'Owner app', redirectUris: ['http://127.0.0.1:9/callback'] });
    await deps.db.insert(oauthConsents).values({ clientId: ownerAppClientId, userId: owner.id, scopes: ['read'] });
    fixture = {
      ownerImageId: images[0]!.id,
      ownerKeyId: key.id,
      ownerId: owner.id,
      ownerCollectionId: collection!.id,
      ownerPresetId: preset.id,
      ownerTemplateId: template.id,
      ownerPublicTemplateId: shared.id,
      ownerAppClientId
    };
  });
  afterAll(async () => {
    await deps?.close();
  });

  it('should have a walk entry for every procedure of the router', () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toStrictEqual(Object.keys(walk).sort());
  });

  it.each(Object.keys(walk))("should keep the owner's data from a second user in %s", async (path) => {
    await walk[path]!(createActorCaller(deps, intruder), fixture);
  });

  it("should leave the owner's image and key untouched after the walk", async () => {
    const ownerApi = createActorCaller(deps, owner);
    for (const path of Object.keys(walk)) await walk[path]!(createActorCaller(deps, intruder), fixture);

    expect((await ownerApi.images.get({ id: fixture.ownerImageId })).status).toBe('completed');
    expect((await ownerApi.keys.list()).find((key) => key.id === fixture.ownerKeyId)?.revokedAt).toBeNull();
    expect((await ownerApi.apps.list()).map((app) => app.clientId)).toStrictEqual([fixture.ownerAppClientId]);
    const collection = await ownerApi.collections.get({ id: fixture.ownerCollectionId });
    expect(collection.collection.name).toBe('private set');
    expect(collection.images.map((image) => image.id)).toStrictEqual([fixture.ownerImageId]);
    const preset = (await ownerApi.presets.list()).presets.find((candidate) => candidate.id === fixture.ownerPresetId);
    expect(preset).toMatchObject({ name: 'private look', promptPrefix: 'secret' });
    const templates = (await ownerApi.templates.list()).templates.filter((template) => template.own);
    expect(templates.map((template) => template.name).sort()).toStrictEqual(['private', 'shared']);
  });
});
