import { describe, expect, it } from 'vitest';
import { decodeRgba } from './decode';
import { encodeRgba } from './encode';
import { inspectImage } from './inspect';

function gradientPixels(width: number, height: number): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      pixels[offset] = (x * 255) / (width - 1);
      pixels[offset + 1] = (y * 255) / (height - 1);
      pixels[offset + 2] = (x * y) % 256;
      pixels[offset + 3] = 255 - (x % 2) * 55;
    }
  }
  return pixels;
}

describe(encodeRgba.name, () => {
  it('should round-trip pixels losslessly through PNG', async () => {
    const pixels = gradientPixels(64, 40);

    const sut = await encodeRgba(pixels, 64, 40);

    const decoded = await decodeRgba(sut);
    expect([decoded.width, decoded.height]).toStrictEqual([64, 40]);
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(pixels))).toBe(true);
  });

  it('should produce byte-identical output for identical input', async () => {
    const first = await encodeRgba(gradientPixels(128, 96), 128, 96);
    const second = await encodeRgba(gradientPixels(128, 96), 128, 96);

    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it.each(['png', 'webp', 'jpeg'] as const)('should encode %s that decodes to the same size', async (format) => {
    const sut = await encodeRgba(gradientPixels(50, 30), 50, 30, format);

    const info = await inspectImage(sut);
    expect([info.format, info.width, info.height]).toStrictEqual([format, 50, 30]);
  });

  it('should refuse a pixel buffer that does not match the size', async () => {
    await expect(encodeRgba(new Uint8Array(10), 2, 2)).rejects.toThrow(/Expected 16 bytes/);
  });
});
