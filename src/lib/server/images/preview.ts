import type { PreviewSize } from './limits';
import { openImage, toImageError } from './sharp';

/** An upright WebP of the image fitting inside `size`² (aspect kept, never enlarged). */
export async function makePreview(bytes: Uint8Array, size: PreviewSize): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const buffer = await openImage(bytes)
      .autoOrient()
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw toImageError(error);
  }
}
