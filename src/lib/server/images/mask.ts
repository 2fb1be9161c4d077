import { encodeRgba } from './encode';
import { openImage, toImageError } from './sharp';

/**
 * Turns an Atelier mask (white = change, black = keep; any format, any size) into the mask OpenAI's edit
 * endpoint wants: a `width`×`height` PNG whose fully transparent pixels (alpha 0) mark the area to edit.
 * Grey levels become partial transparency, so a feathered mask stays feathered.
 */
export async function maskToEditAlpha(maskBytes: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  try {
    const grey = await openImage(maskBytes)
      .autoOrient()
      .flatten({ background: '#000000' })
      .resize(width, height, { fit: 'fill' })
      .greyscale()
      .extractChannel(0)
      .raw()
      .toBuffer();
    const rgba = new Uint8Array(width * height * 4);
    for (let pixel = 0; pixel < width * height; pixel++) rgba[pixel * 4 + 3] = 255 - grey[pixel]!;
    return await encodeRgba(rgba, width, height, 'png');
  } catch (error) {
    throw toImageError(error);
  }
}
