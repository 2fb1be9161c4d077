import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import { collectionImages, generatedImages, imageCollections } from '../schema';
import type { Db } from '../types';
import { libraryImageColumns, type LibraryImageRow } from './generated-images';

/**
 * The SQL of `image_collections` and `collection_images`. A collection's images are ordered by
 * `(position, image_id)`; trashed images stay members (restoring brings them back in place) but are not
 * listed, counted or used as the cover.
 */

type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

const liveMembers = sql`${collectionImages} member
  join ${generatedImages} image on image.id = member.image_id and image.deleted_at is null
  where member.collection_id = ${imageCollections.id}`;

/** The chosen cover while it is a live member, else the first live image. */
const coverImageId = sql`coalesce(
  (select member.image_id from ${liveMembers} and member.image_id = ${imageCollections.coverImageId}),
  (select member.image_id from ${liveMembers} order by member.position, member.image_id limit 1)
)`;

const collectionColumns = {
  ...getTableColumns(imageCollections),
  coverImageId: sql<string | null>`${coverImageId}`,
  coverThumbnailPath: sql<string | null>`(select thumbnail_path from ${generatedImages} where id = ${coverImageId})`,
  imageCount: sql<number>`(select count(*) from ${liveMembers})`.mapWith(Number)
};

/** A collection with what its listing shows: the cover (chosen or first) and how many live images it holds. */
export type CollectionRow = typeof imageCollections.$inferSelect & {
  coverThumbnailPath: string | null;
  imageCount: number;
};

const owned = (userId: string, id: string) => and(eq(imageCollections.id, id), eq(imageCollections.userId, userId));

export function listCollectionRows(db: Executor, userId: string): Promise<CollectionRow[]> {
  return db
    .select(collectionColumns)
    .from(imageCollections)
    .where(eq(imageCollections.userId, userId))
    .orderBy(desc(imageCollections.updatedAt), desc(imageCollections.id));
}

export async function findCollectionRow(db: Executor, userId: string, id: string): Promise<CollectionRow | undefined> {
  const [row] = await db.select(collectionColumns).from(imageCollections).where(owned(userId, id));
  return row;
}

/**
 * Takes the user's collection for the rest of the transaction (`for update`): changes to one collection's
 * images run one after another, so two requests adding the same image never both append it.
 */
export async function lockCollection(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: imageCollections.id })
    .from(imageCollections)
    .where(owned(userId, id))
    .for('update');
  return rows.length > 0;
}

/** The new collection's id, or undefined when the user already has one with that name. */
export async function insertCollection(
  db: Executor,
  values: { userId: string; name: string; description: string | null }
): Promise<string | undefined> {
  const [row] = await db
    .insert(imageCollections)
    .values(values)
    .onConflictDoNothing({ target: [imageCollections.userId, imageCollections.name] })
    .returning({ id: imageCollections.id });
  return row?.id;
}

/** Whether another of the user's collections than `exceptId` is called `name`. */
export async function collectionNameTaken(
  db: Executor,
  userId: string,
  name: string,
  exceptId?: string
): Promise<boolean> {
  const conditions: SQL[] = [eq(imageCollections.userId, userId), eq(imageCollections.name, name)];
  if (exceptId) conditions.push(sql`${imageCollections.id} <> ${exceptId}`);
  const rows = await db
    .select({ id: imageCollections.id })
    .from(imageCollections)
    .where(and(...conditions));
  return rows.length > 0;
}

/**
 * Whether the row was updated; false when another of the user's collections holds the name (a rename racing
 * another one past the service's check meets the unique index).
 */
export async function updateCollectionRow(
  db: Executor,
  userId: string,
  id: string,
  patch: { name?: string; description?: string | null; coverImageId?: string | null }
): Promise<boolean> {
  try {
    await db
      .update(imageCollections)
      .set({ ...patch, updatedAt: new Date() })
      .where(owned(userId, id));
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** PostgreSQL's unique_violation, on the error itself or on the driver error drizzle wraps. */
function isUniqueViolation(error: unknown): boolean {
  for (let cause = error; cause instanceof Object; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Deletes the collection (its memberships go with it, never the images); the number of images it held. */
export async function deleteCollectionRow(
  db: Executor,
  userId: string,
  id: string
): Promise<{ imagesKept: number } | undefined> {
  const members = await db
    .select({ imageId: collectionImages.imageId })
    .from(collectionImages)
    .innerJoin(imageCollections, eq(imageCollections.id, collectionImages.collectionId))
    .where(owned(userId, id));
  const rows = await db.delete(imageCollections).where(owned(userId, id)).returning({ id: imageCollections.id });
  return rows.length > 0 ? { imagesKept: members.length } : undefined;
}

/** Appends the images not yet in the collection after its last one, in the given order; how many it added. */
export async function appendCollectionImages(db: Executor, collectionId: string, imageIds: string[]): Promise<number> {
  if (imageIds.length === 0) return 0;
  const [last] = await db
    .select({ position: max(collectionImages.position) })
    .from(collectionImages)
    .where(eq(collectionImages.collectionId, collectionId));
  const start = (last?.position ?? -1) + 1;
  const added = await db
    .insert(collectionImages)
    .values(imageIds.map((imageId, index) => ({ collectionId, imageId, position: start + index })))
    .onConflictDoNothing()
    .returning({ imageId: collectionImages.imageId });
  return added.length;
}

export async function deleteCollectionImages(db: Executor, collectionId: string, imageIds: string[]): Promise<number> {
  const removed = await db
    .delete(collectionImages)
    .where(and(eq(collectionImages.collectionId, collectionId), inArray(collectionImages.imageId, imageIds)))
    .returning({ imageId: collectionImages.imageId });
  return removed.length;
}

/** Every member's id (trashed ones too) in the collection's order. */
export async function listMemberIds(db: Executor, collectionId: string): Promise<string[]> {
  const rows = await db
    .select({ imageId: collectionImages.imageId })
    .from(collectionImages)
    .where(eq(collectionImages.collectionId, collectionId))
    .orderBy(asc(collectionImages.position), asc(collectionImages.imageId));
  return rows.map((row) => row.imageId);
}

/** Numbers the members 0, 1, 2 … in `orderedIds`' order, in one statement. */
export async function renumberMembers(db: Executor, collectionId: string, orderedIds: string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  const ids = sql.join(
    orderedIds.map((id) => sql`${id}`),
    sql`, `
  );
  const positions = sql.join(
    orderedIds.map((_, index) => sql`${index}`),
    sql`, `
  );
  await db
    .update(collectionImages)
    .set({ position: sql`ordering.position` })
    .from(sql`unnest(array[${ids}]::uuid[], array[${positions}]::int[]) as ordering(image_id, position)`)
    .where(
      and(
        eq(collectionImages.collectionId, collectionId),
        sql`${collectionImages.imageId} = ordering.image_id`,
        sql`${collectionImages.position} <> ordering.position`
      )
    );
}

export type CollectionPosition = { position: number; imageId: string };

/** Live images of the collection in its order after `after`, `limit + 1` rows so the caller knows whether more follow. */
export function listCollectionImageRows(
  db: Executor,
  collectionId: string,
  page: { limit: number; after?: CollectionPosition }
): Promise<(LibraryImageRow & { position: number })[]> {
  const conditions: (SQL | undefined)[] = [
    eq(collectionImages.collectionId, collectionId),
    isNull(generatedImages.deletedAt)
  ];
  if (page.after) {
    const { position, imageId } = page.after;
    conditions.push(
      or(
        gt(collectionImages.position, position),
        and(eq(collectionImages.position, position), gt(collectionImages.imageId, imageId))
      )
    );
  }
  return db
    .select({ ...libraryImageColumns, position: collectionImages.position })
    .from(collectionImages)
    .innerJoin(generatedImages, eq(generatedImages.id, collectionImages.imageId))
    .where(and(...conditions))
    .orderBy(asc(collectionImages.position), asc(collectionImages.imageId))
    .limit(page.limit + 1);
}

/** Which of `imageIds` are in the collection (trashed ones too). */
export async function memberIdsOf(db: Executor, collectionId: string, imageIds: string[]): Promise<Set<string>> {
  if (imageIds.length === 0) return new Set();
  const rows = await db
    .select({ imageId: collectionImages.imageId })
    .from(collectionImages)
    .where(and(eq(collectionImages.collectionId, collectionId), inArray(collectionImages.imageId, imageIds)));
  return new Set(rows.map((row) => row.imageId));
}
