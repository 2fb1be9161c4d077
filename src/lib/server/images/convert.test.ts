import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertImage, DOWNLOAD_FORMATS } from './convert';

let png: Uint8Array;

beforeAll(async () => {
  const noise = Buffer.alloc(96 * 64 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  png = new Uint8Array(
    await sharp(noise, { raw: { width: 96, height: 64, channels: 3 } })
      .png()
      .toBuffer()
  );
});

describe(convertImage.name, () => {
  it.each(DOWNLOAD_FORMATS)('should re-encode the image as %s at the same size', async (format) => {
    const sut = await convertImage(png, format, 80);

    const metadata = await sharp(sut).metadata();
    expect([
      metadata.format === 'heif' ? metadata.compression : metadata.format,
      metadata.width,
      metadata.height
    ]).toStrictEqual([format === 'avif' ? 'av1' : format, 96, 64]);
  });

  it.each(['webp', 'jpeg', 'avif'] as const)('should make a smaller %s at a lower quality', async (format) => {
    const [low, high] = await Promise.all([convertImage(png, format, 10), convertImage(png, format, 95)]);

    expect(low.byteLength).toBeLessThan(high.byteLength);
  });

  it('should keep PNG lossless', async () => {
    const sut = await convertImage(png, 'png', 1);

    const [before, after] = await Promise.all([sharp(png).raw().toBuffer(), sharp(sut).raw().toBuffer()]);
    expect(after.equals(before)).toBe(true);
  });
});
