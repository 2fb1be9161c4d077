import { readImageHeader, type ImageInfo } from './inspect';
import { THUMBNAIL_SIZE } from './limits';
import { openImage, toImageError } from './sharp';

export type Thumbnail = { bytes: Uint8Array; mediaType: 'image/webp'; width: number; height: number };

export type InspectedImage = { info: ImageInfo; thumbnail: Thumbnail };

/**
 * `inspectImage` and the thumbnail (upright WebP fitting inside `THUMBNAIL_SIZE`², aspect kept, never
 * enlarged) from a single decode: the header is checked first (format, bomb), then every pixel goes through
 * the thumbnail's resize, which fails on truncated or corrupt data just as inspecting alone does.
 * Decoding is most of the work of storing an image, so it is done once.
 */
export async function inspectWithThumbnail(bytes: Uint8Array): Promise<InspectedImage> {
  try {
    const image = openImage(bytes);
    const info = await readImageHeader(image, bytes);
    const { data, info: output } = await image
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return {
      info,
      thumbnail: {
        bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        mediaType: 'image/webp',
        width: output.width,
        height: output.height
      }
    };
  } catch (error) {
    throw toImageError(error);
  }
}
