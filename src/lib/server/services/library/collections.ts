import {
  appendCollectionImages,
  collectionNameTaken,
  deleteCollectionImages,
  deleteCollectionRow,
  findCollectionRow,
  insertCollection,
  listCollectionImageRows,
  listCollectionRows,
  listMemberIds,
  lockCollection,
  memberIdsOf,
  renumberMembers,
  updateCollectionRow,
  type CollectionPosition,
  type CollectionRow
} from '../../db/repositories/collections';
import type { Db } from '../../db/types';
import { AppError } from '../../errors';
import type { BlobStore } from '../../storage/types';
import type { Deps } from '../deps';
import { toImageDto, type ImageDto } from '../image-dto';
import type { Actor } from '../users';
import { requireOwnedImages } from './owned-images';

type CollectionDeps = Pick<Deps, 'db' | 'storage'>;
type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

export type CollectionDto = {
  id: string;
  name: string;
  description: string | null;
  coverImageId: string | null;
  coverThumbnailUrl: string | null;
  imageCount: number;
  createdAt: string;
  updatedAt: string;
};

export type CollectionPage = { collection: CollectionDto; images: ImageDto[]; nextCursor: string | null };
export type CollectionChange = { collection: CollectionDto; changed: number };

function toCollectionDto(row: CollectionRow, storage: Pick<BlobStore, 'publicUrl'>): CollectionDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    coverImageId: row.coverImageId,
    coverThumbnailUrl: row.coverThumbnailPath ? storage.publicUrl(row.coverThumbnailPath) : null,
    imageCount: row.imageCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString()
  };
}

function notFound(id: string): AppError {
  return new AppError('not_found', `No collection with id ${id}; list your collections to find the right id.`);
}

function nameTaken(name: string): AppError {
  return new AppError('validation', `You already have a collection named "${name}"; choose another name.`);
}

async function loadCollection(deps: CollectionDeps, actor: Actor, id: string): Promise<CollectionDto> {
  const row = await findCollectionRow(deps.db, actor.id, id);
  if (!row) throw notFound(id);
  return toCollectionDto(row, deps.storage);
}

/** The actor's collections, most recently changed first. */
export async function listCollections(deps: CollectionDeps, actor: Actor): Promise<CollectionDto[]> {
  const rows = await listCollectionRows(deps.db, actor.id);
  return rows.map((row) => toCollectionDto(row, deps.storage));
}

/** One page of a collection's images in its order (trashed images left out); `cursor` comes from `nextCursor`. */
export async function getCollectionPage(
  deps: CollectionDeps,
  actor: Actor,
  request: { id: string; limit: number; cursor?: string }
): Promise<CollectionPage> {
  const collection = await loadCollection(deps, actor, request.id);
  const rows = await listCollectionImageRows(deps.db, collection.id, {
    limit: request.limit,
    after: request.cursor ? decodeCursor(request.cursor) : undefined
  });
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  return {
    collection,
    images: page.map((row) => toImageDto(row, deps.storage)),
    nextCursor: rows.length > request.limit && last ? encodeCursor({ position: last.position, imageId: last.id }) : null
  };
}

/** A new collection, optionally holding `imageIds` in that order; the name is unique among the actor's collections. */
export async function createCollection(
  deps: CollectionDeps,
  actor: Actor,
  request: { name: string; description?: string; imageIds?: string[] }
): Promise<CollectionDto> {
  const id = await deps.db.transaction(async (tx) => {
    const imageIds = request.imageIds ? await requireOwnedImages(tx, actor, request.imageIds, 'refused') : [];
    const created = await insertCollection(tx, {
      userId: actor.id,
      name: request.name,
      description: request.description || null
    });
    if (!created) throw nameTaken(request.name);
    await appendCollectionImages(tx, created, imageIds);
    return created;
  });
  return loadCollection(deps, actor, id);
}

/**
 * Renames, describes (null clears) or sets the cover (an image of the collection; null goes back to its
 * first image).
 */
export async function updateCollection(
  deps: CollectionDeps,
  actor: Actor,
  request: { id: string; name?: string; description?: string | null; coverImageId?: string | null }
): Promise<CollectionDto> {
  const { id, name, coverImageId } = request;
  await withLockedCollection(deps.db, actor, id, async (tx) => {
    if (name !== undefined && (await collectionNameTaken(tx, actor.id, name, id))) throw nameTaken(name);
    if (coverImageId) {
      await requireOwnedImages(tx, actor, [coverImageId], 'refused');
      if (!(await memberIdsOf(tx, id, [coverImageId])).has(coverImageId)) {
        throw new AppError(
          'validation',
          `Image ${coverImageId} is not in this collection; add it before making it the cover.`
        );
      }
    }
    const description = request.description === undefined ? undefined : request.description || null;
    if (!(await updateCollectionRow(tx, actor.id, id, { name, description, coverImageId }))) throw nameTaken(name!);
  });
  return loadCollection(deps, actor, id);
}

/** Deletes the collection; its images stay in the library. */
export async function deleteCollection(
  deps: CollectionDeps,
  actor: Actor,
  id: string
): Promise<{ id: string; imagesKept: number }> {
  const deleted = await deleteCollectionRow(deps.db, actor.id, id);
  if (!deleted) throw notFound(id);
  return { id, ...deleted };
}

/** Appends the images in the given order; those already in it stay where they are. */
export async function addCollectionImages(
  deps: CollectionDeps,
  actor: Actor,
  request: { id: string; imageIds: string[] }
): Promise<CollectionChange> {
  return changeCollection(deps, actor, request.id, async (tx) => {
    const imageIds = await requireOwnedImages(tx, actor, request.imageIds, 'refused');
    return appendCollectionImages(tx, request.id, imageIds);
  });
}

/** Takes the images out of the collection (never out of the library); ids not in it are ignored. */
export async function removeCollectionImages(
  deps: CollectionDeps,
  actor: Actor,
  request: { id: string; imageIds: string[] }
): Promise<CollectionChange> {
  return changeCollection(deps, actor, request.id, async (tx) => {
    const imageIds = await requireOwnedImages(tx, actor, request.imageIds, 'allowed');
    return deleteCollectionImages(tx, request.id, imageIds);
  });
}

/** Puts `imageIds` first in that order; the collection's other images keep their order after them. */
export async function reorderCollection(
  deps: CollectionDeps,
  actor: Actor,
  request: { id: string; imageIds: string[] }
): Promise<CollectionChange> {
  return changeCollection(deps, actor, request.id, async (tx) => {
    const first = await requireOwnedImages(tx, actor, request.imageIds, 'allowed');
    const current = await listMemberIds(tx, request.id);
    const members = new Set(current);
    const outside = first.find((imageId) => !members.has(imageId));
    if (outside) throw new AppError('validation', `Image ${outside} is not in this collection; add it first.`);
    const chosen = new Set(first);
    const order = [...first, ...current.filter((imageId) => !chosen.has(imageId))];
    await renumberMembers(tx, request.id, order);
    return order.filter((imageId, index) => current[index] !== imageId).length;
  });
}

async function changeCollection(
  deps: CollectionDeps,
  actor: Actor,
  id: string,
  change: (tx: Transaction) => Promise<number>
): Promise<CollectionChange> {
  const changed = await withLockedCollection(deps.db, actor, id, async (tx) => {
    const count = await change(tx);
    if (count > 0) await updateCollectionRow(tx, actor.id, id, {});
    return count;
  });
  return { collection: await loadCollection(deps, actor, id), changed };
}

/** Runs `work` in a transaction holding the actor's collection `id`; another user's id is `not_found`. */
async function withLockedCollection<T>(
  db: Db,
  actor: Actor,
  id: string,
  work: (tx: Transaction) => Promise<T>
): Promise<T> {
  return db.transaction(async (tx) => {
    if (!(await lockCollection(tx, actor.id, id))) throw notFound(id);
    return work(tx);
  });
}

function encodeCursor(position: CollectionPosition): string {
  return Buffer.from(`${position.position}|${position.imageId}`).toString('base64url');
}

function decodeCursor(cursor: string): CollectionPosition {
  const [position, imageId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!position || !/^-?\d{1,9}$/.test(position) || !imageId || !/^[0-9a-f-]{36}$/.test(imageId)) {
    throw new AppError('validation', 'The cursor is not one returned by collections.get; start again without it.');
  }
  return { position: Number(position), imageId };
}
