import { describe, expect, it } from 'vitest';
import { encodeRgba } from './encode';
import { sharp } from './sharp';
import { uprightImage } from './upright';

describe(uprightImage.name, () => {
  it('should rotate a photo by its EXIF orientation and drop the tag', async () => {
    const wide = await encodeRgba(new Uint8Array(40 * 10 * 4).fill(128), 40, 10);
    const rotatedOnDisk = await sharp(wide).jpeg().withMetadata({ orientation: 6 }).toBuffer();

    const { bytes, info } = await uprightImage(rotatedOnDisk);

    const metadata = await sharp(bytes).metadata();
    expect([info.width, info.height, metadata.width, metadata.height]).toStrictEqual([10, 40, 10, 40]);
    expect(metadata.orientation ?? 1).toBe(1);
  });

  it('should keep bytes without a rotation as they are', async () => {
    const png = await encodeRgba(new Uint8Array(8 * 8 * 4).fill(7), 8, 8);

    expect((await uprightImage(png)).bytes).toBe(png);
  });
});
