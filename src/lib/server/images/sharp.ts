import sharp, { type Sharp } from 'sharp';
import { AppError } from '../errors';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './limits';

// libvips' operation cache keys results by input; our inputs are one-shot buffers, so it would only hold memory.
sharp.cache(false);
// One libvips thread per image: parallelism comes from concurrent requests on libuv's pool, and on glibc
// without jemalloc more threads per image mostly fragment memory (sharp's own advice).
sharp.concurrency(1);

export { sharp };

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const megapixels = (pixels: number) => `${(pixels / 1_000_000).toFixed(1)} MP`;

/**
 * A sharp pipeline over untrusted bytes: refuses oversized files up front, refuses a canvas above
 * `MAX_IMAGE_PIXELS` from the header (before decoding), and fails on corrupt or truncated pixel data
 * instead of returning a half-grey image.
 */
export function openImage(bytes: Uint8Array): Sharp {
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new AppError(
      'too_large',
      `The image is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(MAX_IMAGE_BYTES)}. Resize or compress it and try again.`
    );
  }
  return sharp(bytes, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS });
}

export function tooManyPixelsError(width: number, height: number): AppError {
  return new AppError(
    'too_large',
    `The image is ${width}×${height} (${megapixels(width * height)}); the limit is ${megapixels(MAX_IMAGE_PIXELS)} (e.g. 4096×4096). Downscale it and try again.`
  );
}

/** Turns whatever libvips threw about untrusted bytes into the error a caller can act on. */
export function toImageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(reason)) {
    return new AppError(
      'too_large',
      `The image has more than ${megapixels(MAX_IMAGE_PIXELS)} (e.g. 4096×4096). Downscale it and try again.`,
      { cause: error }
    );
  }
  return new AppError(
    'validation',
    'The file is not a readable PNG, JPEG or WebP image (it may be truncated or corrupt). Upload the original file again or re-export it as PNG, JPEG or WebP.',
    { cause: error }
  );
}
