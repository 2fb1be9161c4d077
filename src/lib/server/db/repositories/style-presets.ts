import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { generatedImages, stylePresets } from '../schema';
import type { Db } from '../types';

/** Every statement on `style_presets`. Rows without a user are the built-in presets. */

type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export type StylePresetRow = typeof stylePresets.$inferSelect;
export type NewStylePresetRow = typeof stylePresets.$inferInsert;
/** A preset with the thumbnail of its preview image, when that image is still its owner's and not trashed. */
export type PresetListRow = StylePresetRow & { previewThumbnailPath: string | null };

const copies = alias(stylePresets, 'copies');

const listColumns = { ...getTableColumns(stylePresets), previewThumbnailPath: generatedImages.thumbnailPath };

/** The rows `userId` sees: their own and the built-ins they have not replaced with a copy. */
function visibleTo(userId: string) {
  return sql`(${stylePresets.userId} = ${userId} or (${stylePresets.userId} is null and not exists (
    select 1 from ${stylePresets} as "copies" where ${copies.userId} = ${userId} and ${copies.basedOnId} = ${stylePresets.id}
  )))`;
}

function selectPresets(db: Executor) {
  return db
    .select(listColumns)
    .from(stylePresets)
    .leftJoin(
      generatedImages,
      and(
        eq(generatedImages.id, stylePresets.previewImageId),
        eq(generatedImages.userId, stylePresets.userId),
        isNull(generatedImages.deletedAt)
      )
    );
}

export function listVisiblePresets(db: Executor, userId: string): Promise<PresetListRow[]> {
  return selectPresets(db)
    .where(visibleTo(userId))
    .orderBy(asc(sql`lower(${stylePresets.name})`), stylePresets.id);
}

/** A preset the user owns or a built-in (even one they replaced, so a copy can be found from it). */
export async function findUsablePreset(db: Executor, userId: string, id: string): Promise<PresetListRow | undefined> {
  const [row] = await selectPresets(db).where(
    and(eq(stylePresets.id, id), sql`(${stylePresets.userId} = ${userId} or ${stylePresets.userId} is null)`)
  );
  return row;
}

export async function findCopyOf(db: Executor, userId: string, builtInId: string): Promise<StylePresetRow | undefined> {
  const [row] = await db
    .select()
    .from(stylePresets)
    .where(and(eq(stylePresets.userId, userId), eq(stylePresets.basedOnId, builtInId)));
  return row;
}

/** Inserts a user's preset; undefined when they already have one with that name. */
export async function insertPreset(db: Executor, row: NewStylePresetRow): Promise<StylePresetRow | undefined> {
  const [inserted] = await db.insert(stylePresets).values(row).onConflictDoNothing().returning();
  return inserted;
}

/**
 * Changes one of the user's presets; undefined when the name is taken by another of theirs. (Postgres
 * reports the unique violation as an error, so the name is checked in the same statement.)
 */
export async function updateOwnPreset(
  db: Executor,
  userId: string,
  id: string,
  patch: Partial<NewStylePresetRow>
): Promise<StylePresetRow | undefined> {
  const nameFree = patch.name
    ? sql`not exists (select 1 from ${stylePresets} as "copies" where ${copies.userId} = ${userId} and ${copies.name} = ${patch.name} and ${copies.id} <> ${id})`
    : sql`true`;
  const [row] = await db
    .update(stylePresets)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(stylePresets.id, id), eq(stylePresets.userId, userId), nameFree))
    .returning();
  return row;
}

export async function deleteOwnPreset(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(stylePresets)
    .where(and(eq(stylePresets.id, id), eq(stylePresets.userId, userId)))
    .returning({ id: stylePresets.id });
  return rows.length > 0;
}

export async function countPresetUse(db: Executor, id: string): Promise<void> {
  await db
    .update(stylePresets)
    .set({ useCount: sql`${stylePresets.useCount} + 1` })
    .where(eq(stylePresets.id, id));
}

/** Inserts the built-ins, or refreshes their texts and knobs; a built-in's use count is kept. */
export async function upsertBuiltInPresets(db: Executor, rows: NewStylePresetRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(stylePresets)
    .values(rows)
    .onConflictDoUpdate({
      target: stylePresets.builtInKey,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        provider: sql`excluded.provider`,
        model: sql`excluded.model`,
        settings: sql`excluded.settings`,
        promptPrefix: sql`excluded.prompt_prefix`,
        promptSuffix: sql`excluded.prompt_suffix`,
        previewPath: sql`excluded.preview_path`
      }
    });
}
