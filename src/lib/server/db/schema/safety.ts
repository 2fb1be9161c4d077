import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { generatedImages } from './generated-images';
import { users } from './users';

/** What the instance does with a prompt or an image its safety checks flag. */
export const CONTENT_POLICIES = ['block', 'blur', 'allow'] as const;
export type ContentPolicy = (typeof CONTENT_POLICIES)[number];

export const REPORT_REASONS = [
  'sexual',
  'violence',
  'hate',
  'harassment',
  'self_harm',
  'illegal',
  'spam',
  'other'
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** `open` until an admin decides: `hidden` (the image is hidden) or `dismissed` (nothing wrong). */
export const REPORT_STATUSES = ['open', 'hidden', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A person's report that an image breaks the rules; one per reporter and image. */
export const imageReports = pgTable(
  'image_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    imageId: uuid('image_id')
      .notNull()
      .references(() => generatedImages.id, { onDelete: 'cascade' }),
    reporterUserId: uuid('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    details: text('details'),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('open'),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [
    uniqueIndex('image_reports_image_reporter_idx').on(table.imageId, table.reporterUserId),
    index('image_reports_status_created_idx').on(table.status, table.createdAt.desc())
  ]
);

export const ASSISTANT_OPERATIONS = ['enhance', 'analyze', 'moderate'] as const;
export type AssistantOperation = (typeof ASSISTANT_OPERATIONS)[number];

/** `claude` (Anthropic), `openai` (the moderation endpoint) or `local` (rules and pixel statistics, free). */
export const ASSISTANT_SOURCES = ['claude', 'openai', 'local'] as const;
export type AssistantSource = (typeof ASSISTANT_SOURCES)[number];

export const ASSISTANT_CALL_STATUSES = ['succeeded', 'failed', 'refused'] as const;
export type AssistantCallStatus = (typeof ASSISTANT_CALL_STATUSES)[number];

/**
 * One prompt enhancement, image analysis or moderation check: what it cost and how long it took, for
 * budgets (via `budget_reservations`), usage reports and latency percentiles, like image generations.
 */
export const assistantCalls = pgTable(
  'assistant_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    operation: text('operation', { enum: ASSISTANT_OPERATIONS }).notNull(),
    source: text('source', { enum: ASSISTANT_SOURCES }).notNull(),
    model: text('model'),
    status: text('status', { enum: ASSISTANT_CALL_STATUSES }).notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costMicros: bigint('cost_micros', { mode: 'number' }).notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    /** The error's `kind` when the call did not succeed. */
    errorKind: text('error_kind'),
    imageId: uuid('image_id').references(() => generatedImages.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [
    index('assistant_calls_user_created_idx').on(table.userId, table.createdAt.desc()),
    index('assistant_calls_created_idx').on(table.createdAt.desc())
  ]
);

export type ImageReportRow = typeof imageReports.$inferSelect;
export type AssistantCallRow = typeof assistantCalls.$inferSelect;
