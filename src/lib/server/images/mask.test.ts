import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeRgba } from './decode';
import { encodeRgba } from './encode';
import { inspectImage } from './inspect';
import { maskToEditAlpha, normalizeMask } from './mask';

/** RGBA pixels whose left half is `left` and right half `right` (each an RGBA tuple). */
function halves(width: number, height: number, left: number[], right: number[]): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? left : right, (y * width + x) * 4);
  }
  return pixels;
}

const WHITE = [255, 255, 255, 255];
const BLACK = [0, 0, 0, 255];
const CLEAR = [0, 0, 0, 0];

async function alphaAt(png: Uint8Array, x: number, y: number): Promise<number> {
  const { pixels, width } = await decodeRgba(png);
  return pixels[(y * width + x) * 4 + 3]!;
}

describe(maskToEditAlpha.name, () => {
  it('should make white (change) transparent and black (keep) opaque', async () => {
    const mask = await encodeRgba(halves(8, 4, WHITE, BLACK), 8, 4, 'png');

    const sut = await maskToEditAlpha(mask, 8, 4);

    expect([
      await alphaAt(sut, 0, 0),
      await alphaAt(sut, 3, 3),
      await alphaAt(sut, 4, 0),
      await alphaAt(sut, 7, 3)
    ]).toStrictEqual([0, 0, 255, 255]);
  });

  it('should scale the mask to the image size and answer a PNG', async () => {
    const mask = await encodeRgba(halves(4, 2, BLACK, WHITE), 4, 2, 'jpeg');

    const sut = await maskToEditAlpha(mask, 64, 32);

    const info = await inspectImage(sut);
    expect([info.format, info.width, info.height]).toStrictEqual(['png', 64, 32]);
    expect([await alphaAt(sut, 2, 16), await alphaAt(sut, 61, 16)]).toStrictEqual([255, 0]);
  });

  it('should keep the unpainted (transparent) part of a mask', async () => {
    const mask = await encodeRgba(halves(8, 8, CLEAR, WHITE), 8, 8, 'png');

    const sut = await maskToEditAlpha(mask, 8, 8);

    expect([await alphaAt(sut, 1, 1), await alphaAt(sut, 6, 6)]).toStrictEqual([255, 0]);
  });

  it('should keep grey levels as partial transparency', async () => {
    const mask = await encodeRgba(halves(2, 2, [128, 128, 128, 255], [128, 128, 128, 255]), 2, 2, 'png');

    const sut = await maskToEditAlpha(mask, 2, 2);

    expect(await alphaAt(sut, 0, 0)).toBe(127);
  });

  it('should refuse bytes that are not an image', async () => {
    const error = await maskToEditAlpha(new TextEncoder().encode('not a mask'), 8, 8).catch(
      (reason: unknown) => reason
    );

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('validation');
  });
});

describe(normalizeMask.name, () => {
  it('should read white on black as white = change, resized to the image', async () => {
    const mask = await encodeRgba(halves(8, 4, WHITE, BLACK), 8, 4, 'png');

    const sut = await normalizeMask(mask, 16, 8);

    const { pixels, width, height } = await decodeRgba(sut.bytes);
    expect([width, height]).toStrictEqual([16, 8]);
    expect([pixels[(4 * width + 1) * 4], pixels[(4 * width + 14) * 4]]).toStrictEqual([255, 0]);
  });

  it('should read a PNG with transparency as transparent = change (OpenAI’s convention)', async () => {
    const mask = await encodeRgba(halves(8, 4, CLEAR, WHITE), 8, 4, 'png');

    const { pixels } = await decodeRgba((await normalizeMask(mask, 8, 4)).bytes);

    expect([pixels[0], pixels[7 * 4]]).toStrictEqual([255, 0]);
  });

  it('should refuse an empty mask and a full one unless allowed', async () => {
    const black = await encodeRgba(halves(4, 4, BLACK, BLACK), 4, 4, 'png');
    const white = await encodeRgba(halves(4, 4, WHITE, WHITE), 4, 4, 'png');

    await expect(normalizeMask(black, 4, 4)).rejects.toMatchObject({ kind: 'validation' });
    await expect(normalizeMask(white, 4, 4)).rejects.toMatchObject({ kind: 'validation' });
    expect((await normalizeMask(white, 4, 4, { allowFull: true })).width).toBe(4);
  });

  it('should refuse bytes that are not an image', async () => {
    await expect(normalizeMask(new Uint8Array([1, 2, 3]), 4, 4)).rejects.toBeInstanceOf(AppError);
  });
});
