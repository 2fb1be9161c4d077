import { and, eq, inArray } from 'drizzle-orm';
import { imageFavorites } from '../schema';
import type { Db } from '../types';

/** Stars the images; already starred ones stay as they are (a repeat request changes nothing). */
export async function insertFavorites(db: Db, userId: string, imageIds: string[]): Promise<void> {
  if (imageIds.length === 0) return;
  await db
    .insert(imageFavorites)
    .values(imageIds.map((imageId) => ({ userId, imageId })))
    .onConflictDoNothing();
}

export async function deleteFavorites(db: Db, userId: string, imageIds: string[]): Promise<void> {
  if (imageIds.length === 0) return;
  await db
    .delete(imageFavorites)
    .where(and(eq(imageFavorites.userId, userId), inArray(imageFavorites.imageId, imageIds)));
}
