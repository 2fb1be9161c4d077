import type { Image } from './trpc';

/** Longest side of the WebP thumbnail the server makes with every image. */
const THUMBNAIL_SIZE = 256;

type Sources = Pick<Image, 'thumbnailUrl' | 'previewUrls' | 'width' | 'height'>;

/** The width of the image scaled to fit inside `limit`² (never enlarged), as the server makes its WebP files. */
function fittedWidth(image: Sources, limit: number): number {
  const { width, height } = image;
  if (!width || !height) return limit;
  return Math.round(width * Math.min(1, limit / Math.max(width, height)));
}

/**
 * `srcset` of an image's WebP files (the thumbnail, then the 512 and 1024 px previews) by their real widths,
 * so the browser picks the smallest that stays sharp for the slot; a small image's previews, as wide as its
 * thumbnail, are left out. Undefined when the image has none.
 */
export function webpSrcset(image: Sources): string | undefined {
  const candidates = [
    ...(image.thumbnailUrl ? [{ url: image.thumbnailUrl, width: fittedWidth(image, THUMBNAIL_SIZE) }] : []),
    ...image.previewUrls.map((preview) => ({ url: preview.url, width: fittedWidth(image, preview.width) }))
  ];
  const distinct = candidates.filter(
    (candidate, index) => candidates.findIndex((other) => other.width === candidate.width) === index
  );
  return distinct.length > 0 ? distinct.map(({ url, width }) => `${url} ${width}w`).join(', ') : undefined;
}

/** The largest WebP preview, for a browser that ignores `srcset`; the stored file when there is none. */
export function largestPreview(image: Pick<Image, 'url' | 'previewUrls'>): string | null {
  return image.previewUrls.at(-1)?.url ?? image.url;
}
