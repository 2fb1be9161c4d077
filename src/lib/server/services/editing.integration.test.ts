import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImageRows } from '$lib/server/db/repositories/generated-images';
import { decodeRgba, encodeRgba } from '$lib/server/images';
import { createLocalProvider } from '$lib/server/providers/local';
import { createPaidTestProvider, PAID_EDITOR_MODEL, type PaidTestProvider } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { editImages, estimateEdit, uploadImage } from './editing';
import { generateImages } from './generation';
import { listHistory } from './library';

/** A w×h PNG whose left half is white and right half black (a mask: change the left half). */
async function halfMask(width: number, height: number): Promise<string> {
  const pixels = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const value = pixel % width < width / 2 ? 255 : 0;
    pixels.set([value, value, value, 255], pixel * 4);
  }
  return Buffer.from(await encodeRgba(pixels, width, height)).toString('base64');
}

describe('editing through the operation pipeline', () => {
  let deps: TestDeps;
  let paid: PaidTestProvider;

  beforeEach(async () => {
    paid = createPaidTestProvider();
    deps = await createTestDeps({ providers: [paid, createLocalProvider()] });
  });

  afterEach(() => deps.close());

  async function sourceImage() {
    const { images } = await generateImages(deps, deps.actor, {
      prompt: 'a red lighthouse',
      provider: 'local',
      size: '256x256',
      count: 1
    });
    return images[0]!;
  }

  it('should make a new row with lineage, mask and cost, and leave the source as it was', async () => {
    const source = await sourceImage();
    const [before] = await findImageRows(deps.db, [source.id]);

    const { images } = await editImages(deps, deps.actor, {
      operation: 'inpaint',
      image: `atelier://images/${source.id}`,
      mask: `data:image/png;base64,${await halfMask(32, 32)}`,
      prompt: 'a blue door',
      strength: 0.6,
      count: 2,
      model: PAID_EDITOR_MODEL
    });

    expect(images.map((image) => [image.status, image.parentImageId, image.editType, image.strength])).toStrictEqual([
      ['completed', source.id, 'inpaint', 0.6],
      ['completed', source.id, 'inpaint', 0.6]
    ]);
    expect(images.reduce((sum, image) => sum + image.costUsd, 0)).toBeCloseTo(0.08);
    const rows = await findImageRows(
      deps.db,
      images.map((image) => image.id)
    );
    const maskPath = rows[0]!.maskStoragePath;
    expect(maskPath).toMatch(/-mask\.png$/);
    expect(rows.map((row) => row.maskStoragePath)).toStrictEqual([maskPath, maskPath]);
    const storedMask = await decodeRgba((await deps.storage.get(maskPath!))!);
    expect([storedMask.width, storedMask.height]).toStrictEqual([256, 256]);
    expect([storedMask.pixels[0], storedMask.pixels[(256 - 1) * 4]]).toStrictEqual([255, 0]);
    const [sent] = paid.editCalls;
    expect([sent!.operation, sent!.image.width, sent!.mask?.width, sent!.prompt]).toStrictEqual([
      'inpaint',
      256,
      256,
      'a blue door'
    ]);
    expect(await findImageRows(deps.db, [source.id])).toStrictEqual([before]);
  });

  it('should outpaint on a model that only inpaints: the extended canvas and the mask of its margins', async () => {
    const source = await sourceImage();

    const { images } = await editImages(deps, deps.actor, {
      operation: 'outpaint',
      image: source.id,
      expand: { left: 64, right: 0, up: 0, down: 32 },
      model: PAID_EDITOR_MODEL,
      count: 1
    });

    const [sent] = paid.editCalls;
    expect([sent!.operation, sent!.image.width, sent!.image.height]).toStrictEqual(['inpaint', 320, 288]);
    const mask = await decodeRgba(sent!.mask!.bytes);
    expect([mask.pixels[(10 * 320 + 10) * 4], mask.pixels[(10 * 320 + 100) * 4]]).toStrictEqual([255, 0]);
    expect([images[0]!.editType, images[0]!.size]).toStrictEqual(['outpaint', '320x288']);
  });

  it('should refuse a model that cannot do the operation before any row or call, naming those that can', async () => {
    const source = await sourceImage();

    const refusal = editImages(deps, deps.actor, {
      operation: 'removeBackground',
      image: source.id,
      count: 1
    });

    await expect(refusal).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringContaining('stability') });
    expect(paid.editCalls).toHaveLength(0);
  });

  it('should answer not_found for another user’s image, exactly as for a missing one', async () => {
    const source = await sourceImage();
    const stranger = await createTestUser(deps);

    const attempt = editImages(deps, stranger, { operation: 'variation', image: source.id, count: 1 });

    await expect(attempt).rejects.toMatchObject({ kind: 'not_found' });
    expect(paid.editCalls).toHaveLength(0);
  });

  it('should keep an uploaded source as a library image and make it the parent', async () => {
    const upload = Buffer.from(await encodeRgba(new Uint8Array(48 * 40 * 4).fill(200), 48, 40)).toString('base64');

    const { images } = await editImages(deps, deps.actor, {
      operation: 'upscale',
      image: upload,
      scale: 4,
      model: PAID_EDITOR_MODEL,
      count: 1
    });

    const [parent] = await findImageRows(deps.db, [images[0]!.parentImageId!]);
    expect([parent!.editType, parent!.provider, parent!.status, parent!.width, parent!.height]).toStrictEqual([
      'upload',
      'upload',
      'completed',
      48,
      40
    ]);
    expect([images[0]!.width, images[0]!.height, images[0]!.size]).toStrictEqual([192, 160, '192x160']);
  });

  it('should refuse an empty mask, and a full one unless asked, before storing the upload', async () => {
    const source = await sourceImage();
    const black = Buffer.from(
      await encodeRgba(
        new Uint8Array(16 * 16 * 4).fill(0).map((_, i) => (i % 4 === 3 ? 255 : 0)),
        16,
        16
      )
    ).toString('base64');
    const white = Buffer.from(await encodeRgba(new Uint8Array(16 * 16 * 4).fill(255), 16, 16)).toString('base64');
    const order = { operation: 'inpaint' as const, image: source.id, model: PAID_EDITOR_MODEL, count: 1 };

    await expect(editImages(deps, deps.actor, { ...order, mask: black })).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('nothing to change')
    });
    await expect(editImages(deps, deps.actor, { ...order, mask: white })).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('fullMask')
    });
    const full = await editImages(deps, deps.actor, { ...order, mask: white, fullMask: true });
    expect(full.images[0]!.status).toBe('completed');
  });

  it('should price an edit at the size it comes out, storing nothing', async () => {
    const upload = Buffer.from(await encodeRgba(new Uint8Array(20 * 20 * 4).fill(9), 20, 20)).toString('base64');

    const estimate = await estimateEdit(deps, deps.actor, {
      operation: 'upscale',
      image: upload,
      scale: 2,
      model: PAID_EDITOR_MODEL,
      count: 1
    });

    expect([estimate.model, estimate.size, estimate.estimatedUsd]).toStrictEqual([PAID_EDITOR_MODEL, '40x40', 0.04]);
    expect((await listHistory(deps, deps.actor, { limit: 10 })).total).toBe(0);
  });

  it('should keep an upload with its name, and answer the same image for a library reference', async () => {
    const upload = Buffer.from(await encodeRgba(new Uint8Array(20 * 20 * 4).fill(9), 20, 20)).toString('base64');

    const { image } = await uploadImage(deps, deps.actor, { image: `data:image/png;base64,${upload}`, name: 'kept' });
    const again = await uploadImage(deps, deps.actor, { image: image.url! });

    expect([image.editType, image.prompt, image.status, image.width]).toStrictEqual([
      'upload',
      'kept',
      'completed',
      20
    ]);
    expect(again.image.id).toBe(image.id);
    expect((await listHistory(deps, deps.actor, { limit: 10 })).total).toBe(1);
  });
});
