import { openImage, toImageError } from './sharp';

export type RgbaImage = { pixels: Uint8Array; width: number; height: number };

/** Upright RGBA pixels (4 bytes per pixel, row-major) of an encoded image, e.g. for analysis or comparison. */
export async function decodeRgba(bytes: Uint8Array): Promise<RgbaImage> {
  try {
    const { data, info } = await openImage(bytes)
      .autoOrient()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height
    };
  } catch (error) {
    throw toImageError(error);
  }
}
