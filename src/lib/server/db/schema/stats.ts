import { date, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** Daily per-user, per-provider counters, kept current by the `generated_images_daily_stats_*` statement triggers (drizzle/0004). */
export const imageGenerationStats = pgTable(
  'image_generation_stats',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    totalGenerations: integer('total_generations').notNull().default(0),
    successfulGenerations: integer('successful_generations').notNull().default(0),
    failedGenerations: integer('failed_generations').notNull().default(0),
    totalCostUsd: numeric('total_cost_usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
    totalGenerationTimeMs: integer('total_generation_time_ms').notNull().default(0)
  },
  (table) => [primaryKey({ columns: [table.userId, table.day, table.provider, table.model] })]
);
