import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller } from '$lib/server/api/root';
import { generatedImages } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { readPublicFile } from './public-files';
import type { Actor } from './users';

let deps: TestDeps;
let owner: Actor;

beforeEach(async () => {
  deps = await createTestDeps();
  owner = await createTestUser(deps);
});
afterEach(async () => {
  await deps?.close();
});

/** The blob key behind a `/files/<key>` URL. */
function keyOf(url: string): string {
  return url.slice(url.indexOf('/files/') + '/files/'.length);
}

describe.skipIf(postgresUnavailable)('readPublicFile of a preview', () => {
  it('should make each preview on its first request, keep it, and refuse sizes and images it does not have', async () => {
    const { images } = await createActorCaller(deps, owner).images.generate({
      prompt: 'a wide bay',
      size: '1536x1024'
    });
    const image = images[0]!;
    expect(image.previewUrls.map((preview) => preview.width)).toStrictEqual([512, 1024]);
    for (const preview of image.previewUrls) {
      const key = keyOf(preview.url);
      expect(await deps.storage.has(key)).toBe(false);
      const made = await readPublicFile(deps, key, async () => null);
      expect(made.mediaType).toBe('image/webp');
      expect(await sharp(made.bytes).metadata()).toMatchObject({ format: 'webp', width: preview.width });
      expect(await deps.storage.has(key)).toBe(true);
      expect((await readPublicFile(deps, key, async () => null)).bytes).toStrictEqual(made.bytes);
    }
    const unknownSize = keyOf(image.previewUrls[0]!.url).replace('-preview512', '-preview300');
    await expect(readPublicFile(deps, unknownSize, async () => null)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it("should answer two first requests for one preview alike, keep one file, and refuse another user's hidden image preview", async () => {
    const { images } = await createActorCaller(deps, owner).images.generate({
      prompt: 'a raced bay',
      size: '1024x1024'
    });
    const key = keyOf(images[0]!.previewUrls[0]!.url);

    const [first, second] = await Promise.all([
      readPublicFile(deps, key, async () => null),
      readPublicFile(deps, key, async () => null)
    ]);

    expect(second.bytes).toStrictEqual(first.bytes);
    expect(await sharp(first.bytes).metadata()).toMatchObject({ format: 'webp', width: 512 });
    expect((await deps.storage.get(key))!).toStrictEqual(first.bytes);
    const stranger = await createTestUser(deps);
    await deps.db.update(generatedImages).set({ hiddenAt: new Date() }).where(eq(generatedImages.id, images[0]!.id));
    const otherPreview = keyOf(images[0]!.previewUrls[1]!.url);
    await expect(readPublicFile(deps, otherPreview, async () => stranger)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await deps.storage.has(otherPreview)).toBe(false);
  });
});
