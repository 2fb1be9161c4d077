import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImageRows } from '$lib/server/db/repositories/generated-images';
import { decodeRgba } from '$lib/server/images';
import { editImages } from '$lib/server/services/editing';
import { generateImages } from '$lib/server/services/generation';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createLocalProvider } from './index';

/** The `local` edits through the operation pipeline on embedded defaults: no provider or model named. */
describe('local edits through the pipeline', () => {
  let deps: TestDeps;

  beforeEach(async () => {
    deps = await createTestDeps({ providers: [createLocalProvider()] });
  });

  afterEach(() => deps.close());

  async function source() {
    const { images } = await generateImages(deps, deps.actor, {
      prompt: 'a red lighthouse',
      size: '256x256',
      count: 1
    });
    const [row] = await findImageRows(deps.db, [images[0]!.id]);
    return { id: images[0]!.id, pixels: (await decodeRgba((await deps.storage.get(row!.storagePath!))!)).pixels };
  }

  async function outputOf(id: string) {
    const [row] = await findImageRows(deps.db, [id]);
    return { row: row!, image: await decodeRgba((await deps.storage.get(row!.storagePath!))!) };
  }

  it('should outpaint by a procedural fill of the new margins, keeping the source pixels', async () => {
    const original = await source();

    const { images } = await editImages(deps, deps.actor, {
      operation: 'outpaint',
      image: original.id,
      expand: { left: 32, right: 0, up: 0, down: 16 },
      count: 1
    });

    const { row, image } = await outputOf(images[0]!.id);
    expect([row.provider, row.model, row.editType, row.parentImageId]).toStrictEqual([
      'local',
      'procedural-v1',
      'outpaint',
      original.id
    ]);
    expect([image.width, image.height]).toStrictEqual([288, 272]);
    const kept = new Uint8Array(256 * 256 * 4);
    for (let y = 0; y < 256; y++) kept.set(image.pixels.subarray((y * 288 + 32) * 4, (y * 288 + 288) * 4), y * 256 * 4);
    expect(kept).toStrictEqual(original.pixels);
  });

  it('should make variations, one seed each, as children of the source', async () => {
    const original = await source();

    const { images } = await editImages(deps, deps.actor, {
      operation: 'variation',
      image: original.id,
      count: 2,
      seed: 40
    });

    expect(images.map((image) => [image.editType, image.seed, image.parentImageId])).toStrictEqual([
      ['variation', 40, original.id],
      ['variation', 41, original.id]
    ]);
  });

  it('should restyle with a named look on the colour transfer by default', async () => {
    const original = await source();

    const { images } = await editImages(deps, deps.actor, {
      operation: 'style',
      image: original.id,
      look: 'noir',
      count: 1
    });

    const { row, image } = await outputOf(images[0]!.id);
    expect([row.model, row.editType, row.style]).toStrictEqual(['color-transfer', 'style', 'noir']);
    expect([image.width, image.height]).toStrictEqual([256, 256]);
    expect(new Set(image.pixels.subarray(0, 3)).size).toBe(1);
  });
});
