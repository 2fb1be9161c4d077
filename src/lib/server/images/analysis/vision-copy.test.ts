import { describe, expect, it } from 'vitest';
import { makeSampleImage } from '../__fixtures__/sample-images';
import { sharp } from '../sharp';
import { VISION_MAX_BYTES, VISION_MAX_EDGE, visionCopy } from './vision-copy';

describe('visionCopy', () => {
  it('should pass a small image through unchanged', async () => {
    const bytes = await makeSampleImage('jpeg', 800, 600);

    const copy = await visionCopy(bytes);

    expect(copy).toMatchObject({ mediaType: 'image/jpeg', width: 800, height: 600 });
    expect(copy.bytes.equals(Buffer.from(bytes))).toBe(true);
  });

  it('should shrink a large image to the long edge limit, keeping its aspect and format', async () => {
    const copy = await visionCopy(await makeSampleImage('png', 3000, 1500));

    expect(copy).toMatchObject({ mediaType: 'image/png', width: VISION_MAX_EDGE, height: VISION_MAX_EDGE / 2 });
    expect((await sharp(copy.bytes).metadata()).width).toBe(VISION_MAX_EDGE);
  });

  it('should turn a copy still above the byte limit into WebP under it', async () => {
    const noise = new Uint8Array(2000 * 2000 * 3).map((_, index) => (index * 2654435761) >>> 24);
    const png = new Uint8Array(
      await sharp(noise, { raw: { width: 2000, height: 2000, channels: 3 } })
        .png({ compressionLevel: 1 })
        .toBuffer()
    );

    const copy = await visionCopy(png);

    expect(copy.mediaType).toBe('image/webp');
    expect(copy.bytes.byteLength).toBeLessThanOrEqual(VISION_MAX_BYTES);
    expect(Math.max(copy.width, copy.height)).toBe(VISION_MAX_EDGE);
  });
});
