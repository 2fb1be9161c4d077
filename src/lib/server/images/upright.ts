import type { ImageInfo } from './inspect';
import { inspectImage } from './inspect';
import { openImage, toImageError } from './sharp';

/**
 * Validates untrusted bytes like `inspectImage` and applies their EXIF orientation, so a phone photo is
 * stored the way it is seen (its pixels rotated, the tag gone); bytes without a rotation are kept as they are.
 */
export async function uprightImage(bytes: Uint8Array): Promise<{ bytes: Uint8Array; info: ImageInfo }> {
  const info = await inspectImage(bytes);
  try {
    const { orientation } = await openImage(bytes).metadata();
    if (!orientation || orientation === 1) return { bytes, info };
    const rotated = await openImage(bytes).autoOrient().toFormat(info.format).toBuffer();
    const upright = new Uint8Array(rotated.buffer, rotated.byteOffset, rotated.byteLength);
    return { bytes: upright, info: { ...info, fileSize: upright.byteLength } };
  } catch (error) {
    throw toImageError(error);
  }
}
