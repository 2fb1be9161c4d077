import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { makeDecompressionBombPng } from './__fixtures__/decompression-bomb';
import { makeSampleImage } from './__fixtures__/sample-images';
import { inspectImage } from './inspect';
import { sharp } from './sharp';
import { inspectWithThumbnail } from './thumbnail';

/** The thumbnail as a separate decode made it before: the single decode must give the same bytes. */
async function separateThumbnail(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes)
    .autoOrient()
    .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}

async function refusalOf(bytes: Uint8Array): Promise<AppError> {
  const error = await inspectWithThumbnail(bytes).catch((reason: unknown) => reason);
  if (!(error instanceof AppError)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return error;
}

describe(inspectWithThumbnail.name, () => {
  it.each([
    [1024, 512, 256, 128],
    [600, 1200, 128, 256],
    [800, 800, 256, 256]
  ])('should fit %i×%i inside 256×256 as WebP (%i×%i)', async (width, height, thumbWidth, thumbHeight) => {
    const { thumbnail } = await inspectWithThumbnail(await makeSampleImage('png', width, height));

    expect({ mediaType: thumbnail.mediaType, width: thumbnail.width, height: thumbnail.height }).toStrictEqual({
      mediaType: 'image/webp',
      width: thumbWidth,
      height: thumbHeight
    });
    const decoded = await inspectImage(thumbnail.bytes);
    expect([decoded.format, decoded.width, decoded.height]).toStrictEqual(['webp', thumbWidth, thumbHeight]);
  });

  it.each(['png', 'jpeg', 'webp'] as const)(
    'should report what inspectImage reports and the same thumbnail as a separate decode for %s',
    async (format) => {
      const bytes = await makeSampleImage(format, 700, 300);

      const sut = await inspectWithThumbnail(bytes);

      expect(sut.info).toStrictEqual(await inspectImage(bytes));
      expect(Buffer.from(sut.thumbnail.bytes).equals(await separateThumbnail(bytes))).toBe(true);
    }
  );

  it('should report the upright size of a JPEG rotated by its EXIF orientation and thumbnail it upright', async () => {
    const sideways = new Uint8Array(
      await sharp(await makeSampleImage('jpeg', 300, 200))
        .withMetadata({ orientation: 6 })
        .toBuffer()
    );

    const sut = await inspectWithThumbnail(sideways);

    expect([sut.info.width, sut.info.height]).toStrictEqual([200, 300]);
    expect([sut.thumbnail.width, sut.thumbnail.height]).toStrictEqual([171, 256]);
  });

  it('should not enlarge an image already smaller than a thumbnail', async () => {
    const { thumbnail } = await inspectWithThumbnail(await makeSampleImage('jpeg', 100, 60));

    expect([thumbnail.width, thumbnail.height]).toStrictEqual([100, 60]);
  });

  it('should refuse a decompression bomb as too_large from its header', async () => {
    const error = await refusalOf(makeDecompressionBombPng(20_000));

    expect(error.kind).toBe('too_large');
    expect(error.message).toMatch(/16\.8 MP/);
  });

  it.each(['png', 'jpeg', 'webp'] as const)('should refuse a truncated %s as validation', async (format) => {
    const whole = await makeSampleImage(format);

    const error = await refusalOf(whole.subarray(0, Math.floor(whole.byteLength * 0.6)));

    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/PNG, JPEG or WebP/);
  });

  it('should refuse bytes that are not an image as validation', async () => {
    const error = await refusalOf(new TextEncoder().encode('not an image'));

    expect(error.kind).toBe('validation');
  });

  it('should refuse a decodable image of another format, naming it', async () => {
    const gif = new Uint8Array(
      await sharp(await makeSampleImage('png'))
        .gif()
        .toBuffer()
    );

    const error = await refusalOf(gif);

    expect(error.message).toMatch(/GIF/);
  });
});
