import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createActorCaller } from '$lib/server/api';
import { callTool, textOf, useMcpTestClient } from '$tests/support/mcp-client';

const DAY_MS = 24 * 60 * 60 * 1000;

const mcp = useMcpTestClient();

async function newImageId(): Promise<string> {
  const api = createActorCaller(mcp.deps, mcp.deps.actor);
  const { images } = await api.images.generate({ prompt: 'a quiet pier', size: '256x256' });
  return images[0]!.id;
}

describe('delete_image and restore_image', () => {
  it('should move an image to the trash, say how to restore it, and bring it back', async () => {
    const id = await newImageId();

    const deleted = await callTool(mcp.client, 'delete_image', { ids: [id] });
    const { purgeAfter } = deleted.structuredContent as { ids: string[]; purgeAfter: string };
    const trashed = await callTool(mcp.client, 'get_image', { id });
    const again = await callTool(mcp.client, 'delete_image', { ids: [id] });
    const restored = await callTool(mcp.client, 'restore_image', { ids: [id] });

    expect(deleted.structuredContent).toStrictEqual({ ids: [id], purgeAfter });
    expect(Date.parse(purgeAfter) - Date.now()).toBeGreaterThan(29 * DAY_MS);
    expect(textOf(deleted)).toBe(
      `Moved 1 image to the trash; restore with restore_image before ${purgeAfter}, after which they are deleted for good.`
    );
    expect((trashed.structuredContent as { deletedAt: string | null }).deletedAt).not.toBeNull();
    expect(again.structuredContent).toStrictEqual(deleted.structuredContent);
    const { images } = restored.structuredContent as { images: Array<{ id: string; deletedAt: string | null }> };
    expect(images.map((image) => [image.id, image.deletedAt])).toStrictEqual([[id, null]]);
    expect(textOf(restored)).toContain(id);
  });

  it("should answer an id that is not one of the user's images as not_found, changing nothing", async () => {
    const id = await newImageId();
    const missing = randomUUID();

    const result = await callTool(mcp.client, 'delete_image', { ids: [id, missing] });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(`not_found: No image with id ${missing}; list your images to find the right id.`);
    expect((await callTool(mcp.client, 'get_image', { id })).structuredContent).toMatchObject({ deletedAt: null });
  });
});
