import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { makeDecompressionBombPng } from './__fixtures__/decompression-bomb';
import { makeSampleImage } from './__fixtures__/sample-images';
import { inspectImage } from './inspect';
import { MAX_IMAGE_BYTES } from './limits';
import { sharp } from './sharp';

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  );
  if (!(error instanceof AppError)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return error;
}

describe(inspectImage.name, () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp']
  ] as const)('should report size, format and media type of a valid %s', async (format, mediaType) => {
    const bytes = await makeSampleImage(format, 321, 123);

    const sut = await inspectImage(bytes);

    expect(sut).toStrictEqual({ width: 321, height: 123, format, mediaType, fileSize: bytes.byteLength });
  });

  it('should report the upright size of a JPEG rotated by its EXIF orientation', async () => {
    const sideways = new Uint8Array(
      await sharp(await makeSampleImage('jpeg', 300, 200))
        .withMetadata({ orientation: 6 })
        .toBuffer()
    );

    const sut = await inspectImage(sideways);

    expect([sut.width, sut.height]).toStrictEqual([200, 300]);
  });

  it('should refuse a decompression bomb as too_large before decoding it', async () => {
    const bomb = makeDecompressionBombPng(20_000);
    expect(bomb.byteLength).toBeLessThan(100_000);

    const started = performance.now();
    const error = await rejectionOf(inspectImage(bomb));

    expect(error.kind).toBe('too_large');
    expect(error.message).toMatch(/16\.8 MP/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('should refuse a canvas above MAX_IMAGE_PIXELS even when libvips would allow it', async () => {
    const error = await rejectionOf(inspectImage(makeDecompressionBombPng(5_000)));

    expect(error.kind).toBe('too_large');
  });

  it('should refuse more bytes than MAX_IMAGE_BYTES as too_large, naming the limit', async () => {
    const error = await rejectionOf(inspectImage(new Uint8Array(MAX_IMAGE_BYTES + 1)));

    expect(error.kind).toBe('too_large');
    expect(error.message).toMatch(/25 MB/);
  });

  it.each(['png', 'jpeg', 'webp'] as const)('should refuse a truncated %s as validation', async (format) => {
    const whole = await makeSampleImage(format);
    const truncated = whole.subarray(0, Math.floor(whole.byteLength * 0.6));

    const error = await rejectionOf(inspectImage(truncated));

    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/PNG, JPEG or WebP/);
  });

  it('should refuse random bytes as validation', async () => {
    const error = await rejectionOf(inspectImage(new Uint8Array(randomBytes(4096))));

    expect(error.kind).toBe('validation');
  });

  it('should refuse empty input as validation', async () => {
    const error = await rejectionOf(inspectImage(new Uint8Array(0)));

    expect(error.kind).toBe('validation');
  });

  it('should refuse a decodable image of another format, naming it', async () => {
    const gif = new Uint8Array(
      await sharp(await makeSampleImage('png'))
        .gif()
        .toBuffer()
    );

    const error = await rejectionOf(inspectImage(gif));

    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/GIF/);
  });
});
