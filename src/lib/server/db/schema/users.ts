import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Accounts. Until sign-in exists (issue "Accounts"), one local user owns everything. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'user'] })
    .notNull()
    .default('user'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
