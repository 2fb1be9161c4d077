import { findAncestorRows, findChildRows, findOwnedImageRow } from '../../db/repositories/generated-images';
import type { LibraryImageRow } from '../../db/repositories/generated-images';
import { AppError } from '../../errors';
import { isImageFormat, makePreview, MEDIA_TYPES, type PreviewSize } from '../../images';
import { previewKey } from '../blob-keys';
import type { Deps } from '../deps';
import { toImageDto, type ImageDto } from '../image-dto';
import type { Actor } from '../users';
import { searchLibrary, type LibraryFilters } from './search';

type LibraryDeps = Pick<Deps, 'db' | 'storage'>;

export type HistoryRequest = Partial<LibraryFilters> & { limit: number; offset?: number; cursor?: string };
export type HistoryPage = {
  userId: string;
  images: ImageDto[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
};

/** One of the actor's images; another user's id answers `not_found`, exactly like a missing one. */
export async function getImage(deps: LibraryDeps, actor: Actor, id: string): Promise<ImageDto> {
  return toImageDto(await findOwnedRow(deps, actor, id), deps.storage);
}

export async function findOwnedRow(deps: LibraryDeps, actor: Actor, id: string): Promise<LibraryImageRow> {
  const row = await findOwnedImageRow(deps.db, actor.id, id);
  if (!row) throw imageNotFound(id);
  return row;
}

/** The answer for an id that is not one of the actor's images, whether it is missing or another user's. */
export function imageNotFound(id: string): AppError {
  return new AppError('not_found', `No image with id ${id}; list your images to find the right id.`);
}

/** How far up an image's history `getLineage` climbs, and how many of its direct results it lists. */
export const LINEAGE_LIMITS = { ancestors: 20, children: 50 } as const;

export type Lineage = { ancestors: ImageDto[]; children: ImageDto[] };

/**
 * Where one of the actor's images came from (parent first, then its parent, …) and what was made from it
 * (newest first). Another user's id answers `not_found`, exactly like a missing one.
 */
export async function getLineage(deps: LibraryDeps, actor: Actor, id: string): Promise<Lineage> {
  const row = await findOwnedRow(deps, actor, id);
  const [ancestors, children] = await Promise.all([
    row.parentImageId ? findAncestorRows(deps.db, actor.id, row.parentImageId, LINEAGE_LIMITS.ancestors) : [],
    findChildRows(deps.db, actor.id, row.id, LINEAGE_LIMITS.children)
  ]);
  const toDto = (image: LibraryImageRow) => toImageDto(image, deps.storage);
  return { ancestors: ancestors.map(toDto), children: children.map(toDto) };
}

/**
 * The library newest first, narrowed by the same filters as `searchLibrary` (it is that search). `cursor`
 * (from `nextCursor`) pages without the drift of `offset` while images are added.
 */
export async function listHistory(deps: LibraryDeps, actor: Actor, request: HistoryRequest): Promise<HistoryPage> {
  const page = await searchLibrary(deps, actor, { trash: false, ...request, sort: 'newest' });
  return {
    userId: actor.id,
    images: page.images,
    total: page.total.count,
    totalExact: page.total.exact,
    nextCursor: page.nextCursor
  };
}

/** The preview sizes `readImageContent` makes, for the doors' input schemas. */
export { PREVIEW_SIZES } from '../../images';

export type ImageContent = { bytes: Uint8Array<ArrayBuffer>; mediaType: string };

/**
 * The bytes of one of the actor's completed images: as stored, its thumbnail, or a WebP preview fitting
 * inside `previewSize`² (see `readOrMakePreview`).
 */
export async function readImageContent(
  deps: LibraryDeps,
  actor: Actor,
  id: string,
  variant: 'full' | 'thumbnail' | 'preview',
  previewSize: PreviewSize = 1024
): Promise<ImageContent> {
  const row = await findOwnedRow(deps, actor, id);
  const missing = () => new AppError('not_found', `Image ${id} has no stored file (status: ${row.status}).`);
  if (variant === 'preview') {
    if (!row.storagePath) throw missing();
    const bytes = await readOrMakePreview(deps.storage, row.storagePath, previewSize);
    if (!bytes) throw missing();
    return { bytes, mediaType: 'image/webp' };
  }
  const key = variant === 'full' ? row.storagePath : row.thumbnailPath;
  const bytes = key ? await deps.storage.get(key) : null;
  if (!key || !bytes) throw missing();
  return { bytes, mediaType: mediaTypeOf(key) };
}

/**
 * The WebP preview of the image stored at `key`, made from it on the first request and kept beside it (two
 * first requests at once both make it; the store's writes are whole, so either copy serves). Null when the
 * image itself is not in the store.
 */
export async function readOrMakePreview(
  storage: LibraryDeps['storage'],
  key: string,
  size: PreviewSize
): Promise<Uint8Array<ArrayBuffer> | null> {
  const cached = await storage.get(previewKey(key, size));
  if (cached) return cached;
  const full = await storage.get(key);
  if (!full) return null;
  const bytes = await makePreview(full, size);
  await storage.put(previewKey(key, size), bytes);
  return bytes;
}

/** Blob keys end in the image's format (`.png`, `.jpeg`, `.webp`), as `blob-keys.ts` writes them. */
export function mediaTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return isImageFormat(extension) ? MEDIA_TYPES[extension] : 'application/octet-stream';
}
