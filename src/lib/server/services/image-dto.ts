import type { GeneratedImageRow } from '../db/schema';
import type { CallWarning } from '../providers/types';
import { PREVIEW_SIZES } from '../images';
import type { BlobStore } from '../storage/types';
import { previewKey } from './blob-keys';

/** An image as every door returns it (the procedures' output schema checks this shape). Never contains bytes. */
export type ImageDto = ReturnType<typeof toImageDto>;

/**
 * `favorite` comes from `image_favorites`, so only the library's reads carry it; a row without it (an image
 * the pipeline just made) is not a favorite yet.
 */
export function toImageDto(row: GeneratedImageRow & { favorite?: boolean }, storage: Pick<BlobStore, 'publicUrl'>) {
  const warnings = Array.isArray(row.metadata.warnings) ? (row.metadata.warnings as CallWarning[]) : [];
  return {
    id: row.id,
    status: row.status,
    prompt: row.prompt,
    revisedPrompt: row.revisedPrompt,
    negativePrompt: row.negativePrompt,
    provider: row.provider,
    model: row.model,
    size: row.size,
    quality: row.quality,
    style: row.style,
    seed: row.seed,
    steps: row.steps,
    cfgScale: row.cfgScale,
    width: row.width,
    height: row.height,
    format: row.format,
    fileSize: row.fileSize,
    costUsd: Number(row.costUsd),
    generationTimeMs: row.generationTimeMs,
    errorMessage: row.errorMessage,
    warnings,
    parentImageId: row.parentImageId,
    editType: row.editType,
    strength: row.strength,
    url: row.storagePath ? storage.publicUrl(row.storagePath) : null,
    thumbnailUrl: row.thumbnailPath ? storage.publicUrl(row.thumbnailPath) : null,
    previewUrls: previewUrlsOf(row, storage),
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    favorite: row.favorite ?? false,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    analysis: row.analysis ?? null,
    safety: row.safety ? { flagged: row.safety.flagged, nsfwScore: row.safety.nsfwScore } : null,
    hiddenAt: row.hiddenAt?.toISOString() ?? null
  };
}

/** The WebP previews a completed image's file can have; `/files/` makes each on its first request. */
function previewUrlsOf(
  row: GeneratedImageRow,
  storage: Pick<BlobStore, 'publicUrl'>
): { width: number; url: string }[] {
  const key = row.status === 'completed' ? row.storagePath : null;
  return key ? PREVIEW_SIZES.map((width) => ({ width, url: storage.publicUrl(previewKey(key, width)) })) : [];
}

/**
 * The image with its file URLs absolute against `baseUrl` (PUBLIC_URL or the request's origin, no
 * trailing slash), for clients that fetch them from elsewhere. URLs already absolute (IMAGE_CDN_URL) stay.
 */
export function withAbsoluteUrls(image: ImageDto, baseUrl: string): ImageDto {
  return {
    ...image,
    url: absoluteUrl(image.url, baseUrl),
    thumbnailUrl: absoluteUrl(image.thumbnailUrl, baseUrl),
    previewUrls: image.previewUrls.map((preview) => ({ ...preview, url: absoluteUrl(preview.url, baseUrl) }))
  };
}

/** A path on this server (`/files/…`) made absolute against `baseUrl`; anything else unchanged. */
export function absoluteUrl<Url extends string | null>(url: Url, baseUrl: string): Url {
  return (url?.startsWith('/') ? `${baseUrl}${url}` : url) as Url;
}
