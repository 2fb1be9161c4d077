import { IMAGE_FORMATS, PREVIEW_SIZES, type PreviewSize } from '../images';

/** Blob keys derive from the row id and creation month only, never from user input. */
function prefix(imageId: string, createdAt: Date): string {
  const month = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
  return `images/${createdAt.getUTCFullYear()}/${month}/${imageId}`;
}

const IMAGE_BLOB_KEY =
  /^images\/[0-9]{4}\/[0-9]{2}\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(-thumb|-mask|-preview[0-9]+)?\.(png|jpeg|webp)$/;

export function imageKey(imageId: string, createdAt: Date, format: 'png' | 'jpeg' | 'webp'): string {
  return `${prefix(imageId, createdAt)}.${format}`;
}

export function thumbnailKey(imageId: string, createdAt: Date): string {
  return `${prefix(imageId, createdAt)}-thumb.webp`;
}

/** The cached WebP preview of the image stored at `key` (an `imageKey`), beside it. */
export function previewKey(key: string, size: PreviewSize): string {
  return `${key.slice(0, key.lastIndexOf('.'))}-preview${size}.webp`;
}

const PREVIEW_KEY = /-preview([0-9]+)\.webp$/;

/** The width of a `previewKey`; null for any other key. */
export function previewSizeOfKey(key: string): PreviewSize | null {
  const size = Number(PREVIEW_KEY.exec(key)?.[1]);
  return PREVIEW_SIZES.find((known) => known === size) ?? null;
}

/** The normalized mask of an edit request, named after its first result row (the others share it). */
export function maskKey(imageId: string, createdAt: Date): string {
  return `${prefix(imageId, createdAt)}-mask.png`;
}

export function isMaskKey(key: string): boolean {
  return key.endsWith('-mask.png');
}

/** Every key an image's files can have: its image in each format, its thumbnail and its previews. */
export function keysOfImage(imageId: string, createdAt: Date): string[] {
  const image = imageKey(imageId, createdAt, 'png');
  return [
    ...IMAGE_FORMATS.map((format) => imageKey(imageId, createdAt, format)),
    thumbnailKey(imageId, createdAt),
    ...PREVIEW_SIZES.map((size) => previewKey(image, size))
  ];
}

/** The id of the image row a key of `imageKey`, `thumbnailKey`, `previewKey` or `maskKey` belongs to; null for any other key. */
export function imageIdOfKey(key: string): string | null {
  return IMAGE_BLOB_KEY.exec(key)?.[1] ?? null;
}
