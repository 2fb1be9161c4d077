import { and, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lt, not, or, sql } from 'drizzle-orm';
import {
  auditLog,
  generatedImages,
  imageFavorites,
  type GeneratedImageRow,
  type ImageAnalysis,
  type NewGeneratedImageRow
} from '../schema';
import type { Db } from '../types';

/**
 * Every statement that writes `generated_images`, and the reads the services share: the table is also
 * the job record, so its state changes live in one place (a test checks no other module writes it).
 */

export const UNFINISHED_STATUSES = ['pending', 'generating'] as const;

/** Whatever a transaction or the database itself offers; both run the same statements. */
type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export function insertImageRows(db: Executor, rows: NewGeneratedImageRow[]): Promise<GeneratedImageRow[]> {
  return db.insert(generatedImages).values(rows).returning();
}

/** Removes rows that never held a finished image (an upload whose file could not be stored). */
export async function deleteImageRows(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(generatedImages).where(inArray(generatedImages.id, ids));
}

export type CompletedImage = Pick<
  NewGeneratedImageRow,
  | 'url'
  | 'storagePath'
  | 'thumbnailPath'
  | 'seed'
  | 'revisedPrompt'
  | 'width'
  | 'height'
  | 'format'
  | 'fileSize'
  | 'costUsd'
  | 'generationTimeMs'
  | 'metadata'
  | 'completedAt'
  | 'safety'
>;

/** Completes an unfinished row; undefined when it was canceled or swept meanwhile. */
export async function completeImageRow(
  db: Executor,
  id: string,
  completed: CompletedImage
): Promise<GeneratedImageRow | undefined> {
  const [row] = await db
    .update(generatedImages)
    .set({ ...completed, status: 'completed' })
    .where(and(eq(generatedImages.id, id), inArray(generatedImages.status, [...UNFINISHED_STATUSES])))
    .returning();
  return row;
}

/**
 * Ends unfinished rows as `failed` or `canceled` with the reason; a row that already ended (canceled by
 * its owner, completed) keeps its state. Returns the rows it ended.
 */
export function endImageRows(
  db: Executor,
  ids: string[],
  ending: { status: 'failed' | 'canceled'; errorMessage: string; completedAt: Date }
): Promise<GeneratedImageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .update(generatedImages)
    .set(ending)
    .where(and(inArray(generatedImages.id, ids), inArray(generatedImages.status, [...UNFINISHED_STATUSES])))
    .returning();
}

/** A long vendor job's id, kept on its rows so it can be canceled and found by its webhook. */
export async function recordImageJob(db: Executor, ids: string[], taskId: string): Promise<void> {
  await db.update(generatedImages).set({ taskId }).where(inArray(generatedImages.id, ids));
}

/**
 * After a fallback the rows name the provider that really makes them; they no longer answer the request
 * their cache key describes, so they lose it.
 */
export async function retargetImageRows(
  db: Executor,
  ids: string[],
  target: { provider: string; model: string; size: string }
): Promise<void> {
  await db
    .update(generatedImages)
    .set({ ...target, taskId: null, cacheKey: null })
    .where(inArray(generatedImages.id, ids));
}

export async function findImageRows(db: Executor, ids: string[]): Promise<GeneratedImageRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(generatedImages).where(inArray(generatedImages.id, ids));
}

/** A row with whether its owner starred it (`image_favorites`), as the library's reads return it. */
export type LibraryImageRow = GeneratedImageRow & { favorite: boolean };

/** The columns of `generated_images` plus `favorite`, for a select whose rows become `LibraryImageRow`s. */
export const libraryImageColumns = {
  ...getTableColumns(generatedImages),
  favorite: sql<boolean>`exists (
    select 1 from ${imageFavorites}
    where ${imageFavorites.imageId} = ${generatedImages.id} and ${imageFavorites.userId} = ${generatedImages.userId}
  )`.mapWith(Boolean)
};

/** The user's rows stored under `cacheKey` since `since`, newest first (one request's rows share `createdAt`). */
export function findCachedImageRows(
  db: Executor,
  query: { userId: string; cacheKey: string; since: Date; limit: number }
): Promise<LibraryImageRow[]> {
  return db
    .select(libraryImageColumns)
    .from(generatedImages)
    .where(
      and(
        eq(generatedImages.userId, query.userId),
        eq(generatedImages.cacheKey, query.cacheKey),
        gte(generatedImages.createdAt, query.since)
      )
    )
    .orderBy(desc(generatedImages.createdAt), generatedImages.seed)
    .limit(query.limit);
}

export async function findOwnedImageRow(
  db: Executor,
  userId: string,
  id: string
): Promise<LibraryImageRow | undefined> {
  const [row] = await db
    .select(libraryImageColumns)
    .from(generatedImages)
    .where(and(eq(generatedImages.id, id), eq(generatedImages.userId, userId)));
  return row;
}

/**
 * `parentId` and the images it was made from in turn (its parent, that one's parent, …), nearest first,
 * at most `limit` steps up, without the ones in the trash. One recursive query that stays inside the user's rows.
 */
export async function findAncestorRows(
  db: Executor,
  userId: string,
  parentId: string,
  limit: number
): Promise<LibraryImageRow[]> {
  const chain = sql`(
    with recursive chain(id, parent_id, depth) as (
      select id, parent_image_id, 1 from generated_images where id = ${parentId} and user_id = ${userId}
      union all
      select parent.id, parent.parent_image_id, chain.depth + 1
      from generated_images parent join chain on parent.id = chain.parent_id
      where parent.user_id = ${userId} and chain.depth < ${limit}
    )
    select id from chain
  )`;
  const rows = await db.select(libraryImageColumns).from(generatedImages).where(inArray(generatedImages.id, chain));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered: LibraryImageRow[] = [];
  for (let next = byId.get(parentId); next && !ordered.includes(next); next = byId.get(next.parentImageId ?? '')) {
    ordered.push(next);
  }
  // A trashed ancestor is left out of the list, but the climb goes on through it to the older ones.
  return ordered.slice(0, limit).filter((row) => row.deletedAt === null);
}

/** The user's images made directly from `imageId` that are not in the trash, newest first, at most `limit`. */
export function findChildRows(
  db: Executor,
  userId: string,
  imageId: string,
  limit: number
): Promise<LibraryImageRow[]> {
  return db
    .select(libraryImageColumns)
    .from(generatedImages)
    .where(
      and(
        eq(generatedImages.parentImageId, imageId),
        eq(generatedImages.userId, userId),
        isNull(generatedImages.deletedAt)
      )
    )
    .orderBy(desc(generatedImages.createdAt), desc(generatedImages.id))
    .limit(limit);
}

/** Unfinished rows of one vendor job owned by the user, ended as canceled. */
export function cancelJobRows(
  db: Executor,
  userId: string,
  taskId: string,
  ending: { errorMessage: string; completedAt: Date }
): Promise<GeneratedImageRow[]> {
  return db
    .update(generatedImages)
    .set({ ...ending, status: 'canceled' })
    .where(
      and(
        eq(generatedImages.taskId, taskId),
        eq(generatedImages.userId, userId),
        inArray(generatedImages.status, [...UNFINISHED_STATUSES])
      )
    )
    .returning();
}

export async function findImageIdsOfJob(db: Executor, taskId: string): Promise<string[]> {
  const rows = await db
    .select({ id: generatedImages.id })
    .from(generatedImages)
    .where(eq(generatedImages.taskId, taskId));
  return rows.map((row) => row.id);
}

/** The first admin adopts the images made before accounts existed. */
export async function reassignImageOwner(db: Executor, fromUserId: string, toUserId: string): Promise<void> {
  await db.update(generatedImages).set({ userId: toUserId }).where(eq(generatedImages.userId, fromUserId));
}

/**
 * Marks `failed` the rows still unfinished that were created before `createdBefore` (only `imageId`'s
 * when given): no process is making them any more. A row named by a `generation.paid` audit entry was
 * charged and gets `messages.charged`; every other one `messages.notCharged`. One conditional UPDATE, so
 * when several instances sweep at once each row is ended, and returned, by exactly one of them.
 */
export function failInterruptedImages(
  db: Executor,
  options: { createdBefore: Date; now: Date; imageId?: string; messages: { charged: string; notCharged: string } }
): Promise<GeneratedImageRow[]> {
  const charged = sql`exists (
    select 1 from ${auditLog}
    where ${auditLog.action} = 'generation.paid'
      and ${auditLog.details} -> 'imageIds' @> jsonb_build_array(${generatedImages.id}::text)
  )`;
  return db
    .update(generatedImages)
    .set({
      status: 'failed',
      errorMessage: sql`case when ${charged} then ${options.messages.charged}::text else ${options.messages.notCharged}::text end`,
      completedAt: options.now
    })
    .where(
      and(
        inArray(generatedImages.status, [...UNFINISHED_STATUSES]),
        lt(generatedImages.createdAt, options.createdBefore),
        options.imageId === undefined ? undefined : eq(generatedImages.id, options.imageId)
      )
    )
    .returning();
}

/**
 * The stored files (image, thumbnail, mask) referenced by the rows with these ids and by the rows holding one
 * of `maskKeys`: an edit's mask is named after its first row but shared by every row of the request, so it
 * stays referenced while any of them is left.
 */
export async function referencedBlobKeys(db: Executor, imageIds: string[], maskKeys: string[]): Promise<Set<string>> {
  if (imageIds.length === 0 && maskKeys.length === 0) return new Set();
  const rows = await db
    .select({
      storagePath: generatedImages.storagePath,
      thumbnailPath: generatedImages.thumbnailPath,
      maskStoragePath: generatedImages.maskStoragePath
    })
    .from(generatedImages)
    .where(
      or(
        imageIds.length > 0 ? inArray(generatedImages.id, imageIds) : undefined,
        maskKeys.length > 0 ? inArray(generatedImages.maskStoragePath, maskKeys) : undefined
      )
    );
  return new Set(
    rows.flatMap((row) => [row.storagePath, row.thumbnailPath, row.maskStoragePath]).filter((key) => key !== null)
  );
}

/** What bulk actions decide on: whether a row is finished and whether it is in the trash. */
export type OwnedImageState = Pick<GeneratedImageRow, 'id' | 'status' | 'deletedAt'>;

/**
 * The user's rows among `ids` (another user's id is simply absent). With `lock`, the rows stay locked until
 * the transaction ends: delete, restore and purge of the same images take turns, so each decides on the
 * state it then changes.
 */
export function findOwnedImageStates(
  db: Executor,
  userId: string,
  ids: string[],
  options: { lock?: boolean } = {}
): Promise<OwnedImageState[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const query = db
    .select({ id: generatedImages.id, status: generatedImages.status, deletedAt: generatedImages.deletedAt })
    .from(generatedImages)
    .where(and(eq(generatedImages.userId, userId), inArray(generatedImages.id, ids)));
  return options.lock ? query.for('update') : query;
}

/** Moves the user's finished rows among `ids` to the trash; rows already there keep their first `deletedAt`. */
export async function trashImageRows(db: Executor, userId: string, ids: string[], now: Date): Promise<void> {
  await db
    .update(generatedImages)
    .set({ deletedAt: now })
    .where(
      and(
        eq(generatedImages.userId, userId),
        inArray(generatedImages.id, ids),
        isNull(generatedImages.deletedAt),
        not(inArray(generatedImages.status, [...UNFINISHED_STATUSES]))
      )
    );
}

/** Takes the user's rows among `ids` out of the trash. */
export async function restoreImageRows(db: Executor, userId: string, ids: string[]): Promise<void> {
  await db
    .update(generatedImages)
    .set({ deletedAt: null })
    .where(
      and(eq(generatedImages.userId, userId), inArray(generatedImages.id, ids), isNotNull(generatedImages.deletedAt))
    );
}

/** Keeps the latest analysis with the user's image; its words join the full-text search. */
export async function saveImageAnalysis(
  db: Executor,
  userId: string,
  id: string,
  analysis: ImageAnalysis
): Promise<void> {
  await db
    .update(generatedImages)
    .set({ analysis })
    .where(and(eq(generatedImages.userId, userId), eq(generatedImages.id, id)));
}

export function findOwnedImageRows(db: Executor, userId: string, ids: string[]): Promise<LibraryImageRow[]> {
  return db
    .select(libraryImageColumns)
    .from(generatedImages)
    .where(and(eq(generatedImages.userId, userId), inArray(generatedImages.id, ids)));
}

/** A deleted row's files, as the statement that deleted it returned them. */
export type PurgedImageRow = Pick<
  GeneratedImageRow,
  'id' | 'storagePath' | 'thumbnailPath' | 'maskStoragePath' | 'fileSize'
>;

const purgedColumns = {
  id: generatedImages.id,
  storagePath: generatedImages.storagePath,
  thumbnailPath: generatedImages.thumbnailPath,
  maskStoragePath: generatedImages.maskStoragePath,
  fileSize: generatedImages.fileSize
};

/**
 * Deletes the user's trashed rows (those among `ids` when given) in one statement; their favorites and
 * collection entries go with them, their children and preset previews lose the reference. Each row is
 * returned by exactly one statement, however many run at once.
 */
export function deleteTrashedImageRows(db: Executor, userId: string, ids?: string[]): Promise<PurgedImageRow[]> {
  return db
    .delete(generatedImages)
    .where(
      and(
        eq(generatedImages.userId, userId),
        isNotNull(generatedImages.deletedAt),
        ids ? inArray(generatedImages.id, ids) : undefined
      )
    )
    .returning(purgedColumns);
}

/**
 * Which rows a retention pass deletes: those trashed before a moment, or the finished ones made before it
 * that their owner did not star (a star says "keep this").
 */
export type ExpiredImages = { trashedBefore: Date } | { createdBefore: Date };

/**
 * Deletes at most `limit` expired rows of any user and returns them. Rows another instance's pass holds are
 * skipped (`skip locked`), so passes running at once share the work instead of waiting for each other.
 */
export function deleteExpiredImageRows(db: Executor, expired: ExpiredImages, limit: number): Promise<PurgedImageRow[]> {
  const condition =
    'trashedBefore' in expired
      ? lt(generatedImages.deletedAt, expired.trashedBefore)
      : and(
          lt(generatedImages.createdAt, expired.createdBefore),
          not(inArray(generatedImages.status, [...UNFINISHED_STATUSES])),
          sql`not exists (select 1 from ${imageFavorites} where ${imageFavorites.imageId} = ${generatedImages.id})`
        );
  const batch = db
    .select({ id: generatedImages.id })
    .from(generatedImages)
    .where(condition)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db.delete(generatedImages).where(inArray(generatedImages.id, batch)).returning(purgedColumns);
}

/** Hides a row after a report (`hiddenAt` a moment) or shows it again (`null`); a hidden row keeps its first `hiddenAt`. */
export async function setImageHidden(db: Executor, id: string, hiddenAt: Date | null): Promise<void> {
  await db
    .update(generatedImages)
    .set({ hiddenAt })
    .where(and(eq(generatedImages.id, id), hiddenAt ? isNull(generatedImages.hiddenAt) : undefined));
}

/**
 * Who owns a row and whether an admin hid it: what a public file link checks before answering. With `lock`,
 * the row stays locked until the transaction ends, so decisions on its reports take turns.
 */
export async function findImageVisibility(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {}
): Promise<Pick<GeneratedImageRow, 'userId' | 'hiddenAt' | 'storagePath'> | undefined> {
  const query = db
    .select({
      userId: generatedImages.userId,
      hiddenAt: generatedImages.hiddenAt,
      storagePath: generatedImages.storagePath
    })
    .from(generatedImages)
    .where(eq(generatedImages.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}
