import { desc, eq } from 'drizzle-orm';
import type { Db } from './types';
import { popularPromptTemplates, providerPerformance, recentGenerations, userGenerationSummary } from './views';

export type UserGenerationSummary = typeof userGenerationSummary.$inferSelect;
export type ProviderPerformance = typeof providerPerformance.$inferSelect;
export type PopularPromptTemplate = typeof popularPromptTemplates.$inferSelect;
export type RecentGeneration = typeof recentGenerations.$inferSelect;

/** Undefined when the user does not exist; a user without images has zero counts. */
export async function getUserGenerationSummary(db: Db, userId: string): Promise<UserGenerationSummary | undefined> {
  const [summary] = await db.select().from(userGenerationSummary).where(eq(userGenerationSummary.userId, userId));
  return summary;
}

/** Busiest provider and model first. */
export function listProviderPerformance(db: Db): Promise<ProviderPerformance[]> {
  return db
    .select()
    .from(providerPerformance)
    .orderBy(desc(providerPerformance.totalImages), providerPerformance.provider, providerPerformance.model);
}

/** Public templates, most used first. */
export function listPopularPromptTemplates(db: Db, limit = 20): Promise<PopularPromptTemplate[]> {
  return db
    .select()
    .from(popularPromptTemplates)
    .orderBy(desc(popularPromptTemplates.useCount), popularPromptTemplates.name)
    .limit(limit);
}

/** Images completed in the last 7 days, newest first; everyone's, or one user's. */
export function listRecentGenerations(
  db: Db,
  options: { limit?: number; userId?: string } = {}
): Promise<RecentGeneration[]> {
  return db
    .select()
    .from(recentGenerations)
    .where(options.userId === undefined ? undefined : eq(recentGenerations.userId, options.userId))
    .orderBy(desc(recentGenerations.completedAt), desc(recentGenerations.id))
    .limit(options.limit ?? 50);
}
