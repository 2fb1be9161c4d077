import { and, eq, getTableColumns, isNull, or, sql } from 'drizzle-orm';
import { promptTemplates, users } from '../schema';
import type { Db } from '../types';
import { popularPromptTemplates } from '../views';

/** Every statement on `prompt_templates`. Rows without a user are the built-in templates. */

type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export type PromptTemplateRow = typeof promptTemplates.$inferSelect;
export type NewPromptTemplateRow = typeof promptTemplates.$inferInsert;
export type TemplateListRow = Omit<PromptTemplateRow, 'updatedAt'> & { authorName: string | null };

/** The user's own templates (public or not), with their name as the author. */
function ownTemplates(db: Executor, userId: string): Promise<TemplateListRow[]> {
  return db
    .select({ ...getTableColumns(promptTemplates), authorName: users.displayName })
    .from(promptTemplates)
    .innerJoin(users, eq(users.id, promptTemplates.userId))
    .where(eq(promptTemplates.userId, userId));
}

/** Built-in and other users' public templates, most used first (the `popular_prompt_templates` view). */
async function sharedTemplates(db: Executor, userId: string): Promise<TemplateListRow[]> {
  const rows = await db
    .select({ ...getTableColumns(promptTemplates), authorName: popularPromptTemplates.authorName })
    .from(popularPromptTemplates)
    .innerJoin(promptTemplates, eq(promptTemplates.id, popularPromptTemplates.id))
    .where(or(isNull(promptTemplates.userId), sql`${promptTemplates.userId} <> ${userId}`));
  return rows;
}

export async function listVisibleTemplates(db: Executor, userId: string): Promise<TemplateListRow[]> {
  const [own, shared] = await Promise.all([ownTemplates(db, userId), sharedTemplates(db, userId)]);
  return [...own, ...shared];
}

/** One template the user may read: theirs, a built-in or a public one. */
export async function findReadableTemplate(
  db: Executor,
  userId: string,
  id: string
): Promise<TemplateListRow | undefined> {
  const [row] = await db
    .select({ ...getTableColumns(promptTemplates), authorName: users.displayName })
    .from(promptTemplates)
    .leftJoin(users, eq(users.id, promptTemplates.userId))
    .where(
      and(
        eq(promptTemplates.id, id),
        or(eq(promptTemplates.userId, userId), isNull(promptTemplates.userId), eq(promptTemplates.isPublic, true))
      )
    );
  return row;
}

export async function insertTemplate(db: Executor, row: NewPromptTemplateRow): Promise<PromptTemplateRow> {
  const [inserted] = await db.insert(promptTemplates).values(row).returning();
  return inserted!;
}

export async function updateOwnTemplate(
  db: Executor,
  userId: string,
  id: string,
  patch: Partial<NewPromptTemplateRow>
): Promise<PromptTemplateRow | undefined> {
  const [row] = await db
    .update(promptTemplates)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(promptTemplates.id, id), eq(promptTemplates.userId, userId)))
    .returning();
  return row;
}

export async function deleteOwnTemplate(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(promptTemplates)
    .where(and(eq(promptTemplates.id, id), eq(promptTemplates.userId, userId)))
    .returning({ id: promptTemplates.id });
  return rows.length > 0;
}

export async function countTemplateUse(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .update(promptTemplates)
    .set({ useCount: sql`${promptTemplates.useCount} + 1` })
    .where(eq(promptTemplates.id, id))
    .returning({ useCount: promptTemplates.useCount });
  return row?.useCount ?? 0;
}

/** Inserts the built-ins (fixed ids), or refreshes their texts; their use counts are kept. */
export async function upsertBuiltInTemplates(db: Executor, rows: NewPromptTemplateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(promptTemplates)
    .values(rows)
    .onConflictDoUpdate({
      target: promptTemplates.id,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        template: sql`excluded.template`,
        category: sql`excluded.category`,
        variables: sql`excluded.variables`,
        isPublic: sql`excluded.is_public`
      }
    });
}
