import type { Image } from './trpc';

/** Longest side of the WebP thumbnail the server makes with every image. */
const THUMBNAIL_WIDTH = 256;

/**
 * `srcset` of an image's WebP files (the thumbnail, then the 512 and 1024 px previews), so the browser picks
 * the smallest that stays sharp for the slot; undefined when the image has none.
 */
export function webpSrcset(image: Pick<Image, 'thumbnailUrl' | 'previewUrls'>): string | undefined {
  const sources = [
    ...(image.thumbnailUrl ? [`${image.thumbnailUrl} ${THUMBNAIL_WIDTH}w`] : []),
    ...image.previewUrls.map((preview) => `${preview.url} ${preview.width}w`)
  ];
  return sources.length > 0 ? sources.join(', ') : undefined;
}

/** The largest WebP preview, for a browser that ignores `srcset`; the stored file when there is none. */
export function largestPreview(image: Pick<Image, 'url' | 'previewUrls'>): string | null {
  return image.previewUrls.at(-1)?.url ?? image.url;
}
