import { THUMBNAIL_SIZE } from './limits';
import { openImage, toImageError } from './sharp';

export type Thumbnail = { bytes: Uint8Array; mediaType: 'image/webp'; width: number; height: number };

/** Upright WebP fitting inside `THUMBNAIL_SIZE`², aspect kept; smaller images are not enlarged. */
export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail> {
  try {
    const { data, info } = await openImage(bytes)
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      mediaType: 'image/webp',
      width: info.width,
      height: info.height
    };
  } catch (error) {
    throw toImageError(error);
  }
}
