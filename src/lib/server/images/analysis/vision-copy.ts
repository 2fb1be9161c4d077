import { isImageFormat, MEDIA_TYPES, type ImageMediaType } from '../formats';
import { openImage, toImageError } from '../sharp';

/** Anthropic's advice for vision input: a long edge up to 1568 px costs no accuracy and the least time. */
export const VISION_MAX_EDGE = 1568;
/** The Messages API refuses an image above 5 MB. */
export const VISION_MAX_BYTES = 5 * 1024 * 1024;

export type VisionCopy = { bytes: Buffer; mediaType: ImageMediaType; width: number; height: number };

/**
 * The image as a vision model should receive it: upright, no longer than `VISION_MAX_EDGE` on its long
 * edge and under `VISION_MAX_BYTES`. Small images keep their bytes; a copy that is still too heavy (a
 * detailed PNG) becomes WebP, which keeps transparency.
 */
export async function visionCopy(bytes: Uint8Array): Promise<VisionCopy> {
  try {
    const metadata = await openImage(bytes).metadata();
    const { width, height } = metadata.autoOrient;
    const fits = Math.max(width, height) <= VISION_MAX_EDGE && bytes.byteLength <= VISION_MAX_BYTES;
    const unturned = !metadata.orientation || metadata.orientation === 1;
    if (fits && unturned && isImageFormat(metadata.format)) {
      return { bytes: Buffer.from(bytes), mediaType: MEDIA_TYPES[metadata.format], width, height };
    }
    const resized = openImage(bytes)
      .autoOrient()
      .resize(VISION_MAX_EDGE, VISION_MAX_EDGE, { fit: 'inside', withoutEnlargement: true });
    const format = isImageFormat(metadata.format) ? metadata.format : 'png';
    let { data, info } = await resized.clone().toFormat(format).toBuffer({ resolveWithObject: true });
    if (data.byteLength > VISION_MAX_BYTES) {
      ({ data, info } = await resized.webp({ quality: 85 }).toBuffer({ resolveWithObject: true }));
      return { bytes: data, mediaType: 'image/webp', width: info.width, height: info.height };
    }
    return { bytes: data, mediaType: MEDIA_TYPES[format], width: info.width, height: info.height };
  } catch (error) {
    throw toImageError(error);
  }
}
