import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActorCaller, type ApiCaller } from '$lib/server/api';
import { callTool, textOf, useMcpTestClient } from '$tests/support/mcp-client';

let api: ApiCaller;

const mcp = useMcpTestClient();

beforeAll(async () => {
  api = createActorCaller(mcp.deps, mcp.deps.actor);
});

async function makeImages(count: number): Promise<string[]> {
  const { images } = await api.images.generate({ prompt: 'a paper boat', size: '256x256', count });
  return images.map((image) => image.id);
}

async function manage(args: Record<string, unknown>) {
  const result = await callTool(mcp.client, 'manage_collection', args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as Record<string, unknown> & { collection: { id: string; imageCount: number } };
}

describe('favorite_image', () => {
  it('should star and unstar images, and say not_found for an id that is not the user’s', async () => {
    const [id] = await makeImages(1);

    const starred = await callTool(mcp.client, 'favorite_image', { ids: [id] });
    const starredAgain = await callTool(mcp.client, 'favorite_image', { ids: [id] });
    const afterStarring = (await api.images.get({ id: id! })).favorite;
    const unstarred = await callTool(mcp.client, 'favorite_image', { ids: [id], favorite: false });
    const missing = await callTool(mcp.client, 'favorite_image', { ids: [randomUUID()] });

    expect(starred.structuredContent).toStrictEqual({ ids: [id], favorite: true });
    expect(starredAgain.isError).toBeFalsy();
    expect(afterStarring).toBe(true);
    expect(textOf(unstarred)).toBe('Unstarred 1 image.');
    expect((await api.images.get({ id: id! })).favorite).toBe(false);
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^not_found: /);
  });
});

describe('manage_collection', () => {
  it('should create, fill, reorder, rename, describe and delete a collection, keeping its images', async () => {
    const [a, b, c] = await makeImages(3);

    const created = await manage({ action: 'create', name: 'Boats', imageIds: [a] });
    const { id } = created.collection;
    const added = await manage({ action: 'add', id, imageIds: [b, c] });
    const reordered = await manage({ action: 'reorder', id, imageIds: [c] });
    const removed = await manage({ action: 'remove', id, imageIds: [a] });
    await manage({ action: 'rename', id, name: 'Paper boats' });
    const described = await manage({ action: 'describe', id, description: 'Folded' });
    const listed = await manage({ action: 'list' });
    const deleted = await manage({ action: 'delete', id });

    expect(added.changed).toBe(2);
    expect(reordered.changed).toBe(3);
    expect(removed).toMatchObject({ changed: 1, collection: { imageCount: 2 } });
    expect(described.collection).toMatchObject({ name: 'Paper boats', description: 'Folded' });
    expect(listed.collections).toMatchObject([{ id, name: 'Paper boats' }]);
    expect(deleted).toStrictEqual({ action: 'delete', imagesKept: 2 });
    expect((await api.images.get({ id: a! })).status).toBe('completed');
  });

  it('should say which field an action needs, and fail as not_found for a collection that is not the user’s', async () => {
    const missingName = await callTool(mcp.client, 'manage_collection', { action: 'rename', id: randomUUID() });
    const missingCollection = await callTool(mcp.client, 'manage_collection', { action: 'delete', id: randomUUID() });

    expect(missingName.isError).toBe(true);
    expect(textOf(missingName)).toBe('validation: The action "rename" needs name.');
    expect(textOf(missingCollection)).toMatch(/^not_found: No collection with id/);
  });
});

describe('atelier://collections/{id}', () => {
  it('should list the collections and read one as JSON with its images in order', async () => {
    const [a, b] = await makeImages(2);
    const created = await manage({ action: 'create', name: 'Readable', imageIds: [b, a] });
    const uri = `atelier://collections/${created.collection.id}`;

    const { resources } = await mcp.client.listResources();
    const read = await mcp.client.readResource({ uri });
    const [content] = read.contents;

    expect(resources).toContainEqual(expect.objectContaining({ uri, name: 'Readable', mimeType: 'application/json' }));
    expect(content).toMatchObject({ uri, mimeType: 'application/json' });
    const body = JSON.parse((content as { text: string }).text);
    expect(body).toMatchObject({ id: created.collection.id, name: 'Readable', imageCount: 2, truncated: false });
    expect(body.images).toStrictEqual([
      { id: b, prompt: 'a paper boat', uri: `atelier://images/${b}` },
      { id: a, prompt: 'a paper boat', uri: `atelier://images/${a}` }
    ]);
    await expect(mcp.client.readResource({ uri: `atelier://collections/${randomUUID()}` })).rejects.toThrow(
      /not_found: No collection/
    );
  });
});
