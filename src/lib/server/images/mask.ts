import { AppError } from '../errors';
import { encodeRgba } from './encode';
import type { PngImage } from './formats';
import { openImage, sharp, toImageError } from './sharp';

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

/** Grey level from which a pixel counts as "to change" when checking that a mask is neither empty nor full. */
const CHANGE_LEVEL = 128;

/**
 * Reads a caller's mask in either convention, resized to the image: a PNG with transparency marks the area
 * to change with transparent pixels (as OpenAI's edit endpoint does); an opaque mask marks it white on
 * black. The result is one grey channel at the image's size, white = change. Refuses a mask that changes nothing, and one that changes everything unless `allowFull`.
 */
export async function normalizeMask(
  maskBytes: Uint8Array,
  width: number,
  height: number,
  options: { allowFull?: boolean } = {}
): Promise<PngImage> {
  let rgba: Buffer;
  try {
    rgba = await openImage(maskBytes)
      .autoOrient()
      .resize(width, height, { fit: 'fill' })
      .ensureAlpha()
      .raw()
      .toBuffer();
  } catch (error) {
    throw toImageError(error);
  }
  const pixels = width * height;
  const hasTransparency = rgba.some((value, index) => index % 4 === 3 && value < 255);
  const grey = new Uint8Array(pixels);
  let changed = 0;
  for (let pixel = 0; pixel < pixels; pixel++) {
    const offset = pixel * 4;
    grey[pixel] = hasTransparency
      ? 255 - rgba[offset + 3]!
      : Math.round(0.299 * rgba[offset]! + 0.587 * rgba[offset + 1]! + 0.114 * rgba[offset + 2]!);
    if (grey[pixel]! >= CHANGE_LEVEL) changed++;
  }
  if (changed === 0) {
    throw new AppError(
      'validation',
      'The mask marks nothing to change: paint the area to edit white on black (or transparent in a PNG with transparency).'
    );
  }
  if (changed === pixels && !options.allowFull) {
    throw new AppError(
      'validation',
      'The mask covers the whole image, which replaces all of it; set fullMask: true if that is meant, or make variations instead.'
    );
  }
  const png = await sharp(grey, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), mediaType: 'image/png', width, height };
}
