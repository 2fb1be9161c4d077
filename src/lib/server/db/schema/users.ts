import { bigint, boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { USER_ROLES } from './enums';

/**
 * Accounts. better-auth reads and writes the identity columns (its `name` field is `displayName`);
 * the policy columns below are Atelier's own and are set by admins. A null policy means "the instance default".
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  role: text('role', { enum: USER_ROLES }).notNull().default('user'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** Provider ids this user may use; null allows every configured provider. */
  allowedProviders: text('allowed_providers').array(),
  /** `provider/model` ids this user may use; null allows every model of an allowed provider. */
  allowedModels: text('allowed_models').array(),
  maxImagesPerRequest: integer('max_images_per_request'),
  generatePerMinute: integer('generate_per_minute'),
  requestsPerMinute: integer('requests_per_minute'),
  /** Micro-dollars (1 USD = 1 000 000) so budget sums are exact. */
  dailyBudgetMicros: bigint('daily_budget_micros', { mode: 'number' }),
  /** An agent's call (MCP) estimated above this many micro-dollars asks first; null means CONFIRM_SPEND_ABOVE_USD. */
  confirmSpendAboveMicros: bigint('confirm_spend_above_micros', { mode: 'number' }),
  /** Bytes of stored images this user may keep; null means the instance default. */
  storageQuotaBytes: bigint('storage_quota_bytes', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type UserRow = typeof users.$inferSelect;
