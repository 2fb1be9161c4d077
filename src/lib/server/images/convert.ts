import { openImage, toImageError } from './sharp';

export const DOWNLOAD_FORMATS = ['png', 'webp', 'jpeg', 'avif'] as const;

export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export const DOWNLOAD_MEDIA_TYPES = {
  png: 'image/png',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  avif: 'image/avif'
} as const satisfies Record<DownloadFormat, string>;

/**
 * One of our stored images re-encoded for download. `quality` (1–100) drives the lossy formats; PNG is
 * lossless and ignores it. JPEG has no alpha, so transparency becomes white, as on a page.
 */
export async function convertImage(bytes: Uint8Array, format: DownloadFormat, quality: number): Promise<Uint8Array> {
  const image = openImage(bytes).autoOrient();
  const encoded =
    format === 'png'
      ? image.png()
      : format === 'webp'
        ? image.webp({ quality })
        : format === 'jpeg'
          ? image.flatten({ background: '#ffffff' }).jpeg({ quality })
          : // libavif's default effort 4 takes ~3.4 s for 1024²; effort 0 ~0.15 s (shared/offline-ml.md).
            image.avif({ quality, effort: 0 });
  try {
    const buffer = await encoded.toBuffer();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw toImageError(error);
  }
}
