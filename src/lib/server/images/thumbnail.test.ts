import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { makeDecompressionBombPng } from './__fixtures__/decompression-bomb';
import { makeSampleImage } from './__fixtures__/sample-images';
import { inspectImage } from './inspect';
import { makeThumbnail } from './thumbnail';

describe(makeThumbnail.name, () => {
  it.each([
    [1024, 512, 256, 128],
    [600, 1200, 128, 256],
    [800, 800, 256, 256]
  ])('should fit %i×%i inside 256×256 as WebP (%i×%i)', async (width, height, thumbWidth, thumbHeight) => {
    const sut = await makeThumbnail(await makeSampleImage('png', width, height));

    expect({ mediaType: sut.mediaType, width: sut.width, height: sut.height }).toStrictEqual({
      mediaType: 'image/webp',
      width: thumbWidth,
      height: thumbHeight
    });
    const decoded = await inspectImage(sut.bytes);
    expect([decoded.format, decoded.width, decoded.height]).toStrictEqual(['webp', thumbWidth, thumbHeight]);
  });

  it('should not enlarge an image already smaller than a thumbnail', async () => {
    const sut = await makeThumbnail(await makeSampleImage('jpeg', 100, 60));

    expect([sut.width, sut.height]).toStrictEqual([100, 60]);
  });

  it('should refuse a decompression bomb as too_large', async () => {
    const error = await makeThumbnail(makeDecompressionBombPng(5_000)).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('too_large');
  });

  it('should refuse bytes that are not an image as validation', async () => {
    const error = await makeThumbnail(new TextEncoder().encode('not an image')).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('validation');
  });
});
