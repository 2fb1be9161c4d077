export const IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;

export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const MEDIA_TYPES = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp'
} as const satisfies Record<ImageFormat, string>;

export type ImageMediaType = (typeof MEDIA_TYPES)[ImageFormat];

export function isImageFormat(format: string): format is ImageFormat {
  return (IMAGE_FORMATS as readonly string[]).includes(format);
}

/** A PNG this module made, with its size: structurally an input image of the provider contract. */
export type PngImage = { bytes: Uint8Array; mediaType: 'image/png'; width: number; height: number };
