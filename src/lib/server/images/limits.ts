/** Largest upload or provider result we accept, in bytes. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/**
 * Largest image we decode, in pixels (4096 × 4096). Checked from the header before any pixel is decoded,
 * so a small file declaring a huge canvas (a decompression bomb) costs nothing.
 */
export const MAX_IMAGE_PIXELS = 4096 * 4096;

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 256;

/** Longest sides, in pixels, of the WebP previews made on request (MCP's cheap read, the studio's srcset). */
export const PREVIEW_SIZES = [512, 1024] as const;

export type PreviewSize = (typeof PREVIEW_SIZES)[number];
