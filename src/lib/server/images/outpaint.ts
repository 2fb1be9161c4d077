import type { PngImage } from './formats';
import { openImage, sharp, toImageError } from './sharp';

export type Expansion = { left: number; right: number; up: number; down: number };

/**
 * Outpainting as an inpaint: the image on a canvas larger by `expand` on each side (the new margins
 * repeat the edge pixels, which gives an inpainting model colours to continue from) and the mask of the
 * new margins (white = change), both PNG at the canvas size.
 */
export async function extendCanvas(
  image: { bytes: Uint8Array },
  expand: Expansion
): Promise<{ image: PngImage; mask: PngImage }> {
  try {
    const { data, info } = await openImage(image.bytes)
      .autoOrient()
      .extend({ top: expand.up, bottom: expand.down, left: expand.left, right: expand.right, extendWith: 'copy' })
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    const { width, height } = info;
    const grey = new Uint8Array(width * height).fill(255);
    for (let y = expand.up; y < height - expand.down; y++)
      grey.fill(0, y * width + expand.left, (y + 1) * width - expand.right);
    const mask = await sharp(grey, { raw: { width, height, channels: 1 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    return {
      image: {
        bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        mediaType: 'image/png',
        width,
        height
      },
      mask: {
        bytes: new Uint8Array(mask.buffer, mask.byteOffset, mask.byteLength),
        mediaType: 'image/png',
        width,
        height
      }
    };
  } catch (error) {
    throw toImageError(error);
  }
}
