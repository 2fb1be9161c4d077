import type { Metadata, Sharp } from 'sharp';
import { AppError } from '../errors';
import { isImageFormat, MEDIA_TYPES, type ImageFormat, type ImageMediaType } from './formats';
import { MAX_IMAGE_PIXELS } from './limits';
import { openImage, tooManyPixelsError, toImageError } from './sharp';

export type ImageInfo = {
  /** As displayed, i.e. after EXIF orientation. */
  width: number;
  height: number;
  format: ImageFormat;
  mediaType: ImageMediaType;
  fileSize: number;
};

/** Sniffing must not trust the header alone: truncation only shows when every pixel is decoded. */
const PROBE_SIZE = 64;

/**
 * What the header of `image` (opened on `bytes` with `openImage`) says, once the format is one we accept
 * and the canvas is within `MAX_IMAGE_PIXELS`; no pixel is decoded yet, so the caller must still decode every
 * pixel of it (with `failOn: 'error'`) before trusting the bytes.
 */
export async function readImageHeader(image: Sharp, bytes: Uint8Array): Promise<ImageInfo> {
  const metadata: Metadata = await image.metadata();
  if (!isImageFormat(metadata.format)) {
    throw new AppError(
      'validation',
      `The file is a ${metadata.format.toUpperCase()} image; only PNG, JPEG and WebP are accepted. Convert it and try again.`
    );
  }
  if (metadata.width * metadata.height > MAX_IMAGE_PIXELS) throw tooManyPixelsError(metadata.width, metadata.height);
  return {
    width: metadata.autoOrient.width,
    height: metadata.autoOrient.height,
    format: metadata.format,
    mediaType: MEDIA_TYPES[metadata.format],
    fileSize: bytes.byteLength
  };
}

/**
 * Validates untrusted bytes as a PNG, JPEG or WebP image and reports its size.
 * Throws `too_large` above `MAX_IMAGE_BYTES` / `MAX_IMAGE_PIXELS`, `validation` for anything not fully decodable.
 */
export async function inspectImage(bytes: Uint8Array): Promise<ImageInfo> {
  try {
    const image = openImage(bytes);
    const info = await readImageHeader(image, bytes);
    // Shrink-on-load keeps this cheap, but the decoder still reads every byte, so truncation fails here.
    await image.resize(PROBE_SIZE, PROBE_SIZE, { fit: 'inside' }).raw().toBuffer();
    return info;
  } catch (error) {
    throw toImageError(error);
  }
}
