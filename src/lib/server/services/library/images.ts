import {
  findAncestorRows,
  findChildRows,
  findOwnedImageRow,
  listImageRows
} from '../../db/repositories/generated-images';
import type { LibraryImageRow } from '../../db/repositories/generated-images';
import { AppError } from '../../errors';
import { isImageFormat, MEDIA_TYPES } from '../../images';
import type { Deps } from '../deps';
import { toImageDto, type ImageDto } from '../image-dto';
import type { Actor } from '../users';

type LibraryDeps = Pick<Deps, 'db' | 'storage'>;

export type HistoryRequest = { limit: number; offset?: number; cursor?: string };
export type HistoryPage = { userId: string; images: ImageDto[]; total: number; nextCursor: string | null };

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

/** Newest first. `cursor` (from `nextCursor`) pages without the drift of `offset` while images are added. */
export async function listHistory(deps: LibraryDeps, actor: Actor, request: HistoryRequest): Promise<HistoryPage> {
  const { rows, total } = await listImageRows(deps.db, actor.id, {
    limit: request.limit,
    offset: request.offset,
    before: request.cursor ? decodeCursor(request.cursor) : undefined
  });
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  return {
    userId: actor.id,
    images: page.map((row) => toImageDto(row, deps.storage)),
    total,
    nextCursor: rows.length > request.limit && last ? encodeCursor(last.createdAt, last.id) : null
  };
}

export type ImageContent = { bytes: Uint8Array<ArrayBuffer>; mediaType: string };

/** The bytes of one of the actor's completed images, full size or its thumbnail. */
export async function readImageContent(
  deps: LibraryDeps,
  actor: Actor,
  id: string,
  variant: 'full' | 'thumbnail'
): Promise<ImageContent> {
  const row = await findOwnedRow(deps, actor, id);
  const key = variant === 'full' ? row.storagePath : row.thumbnailPath;
  const bytes = key ? await deps.storage.get(key) : null;
  if (!key || !bytes) {
    throw new AppError('not_found', `Image ${id} has no stored file (status: ${row.status}).`);
  }
  return { bytes, mediaType: mediaTypeOf(key) };
}

/** Blob keys end in the image's format (`.png`, `.jpeg`, `.webp`), as `blob-keys.ts` writes them. */
export function mediaTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return isImageFormat(extension) ? MEDIA_TYPES[extension] : 'application/octet-stream';
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  // A valid JS date can still lie outside what the database stores (year 275760): such a cursor is not ours.
  const year = createdAt.getUTCFullYear();
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime()) || year < 1970 || year > 9999) {
    throw new AppError('validation', 'The cursor is not one returned by images.history; start again without it.');
  }
  return { createdAt, id };
}
