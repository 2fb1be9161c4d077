import { bigint, boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CONTENT_POLICIES } from './safety';
import { users } from './users';

export const SIGN_UP_POLICIES = ['open', 'invite', 'closed'] as const;
export type SignUpPolicy = (typeof SIGN_UP_POLICIES)[number];

/** 2 GiB: a few thousand full-size images per user before an admin decides otherwise. */
export const DEFAULT_STORAGE_QUOTA_BYTES = 2 * 1024 ** 3;

/** The admin's instance-wide settings: exactly one row, id 1. Null limits mean "no limit". */
export const instanceSettings = pgTable('instance_settings', {
  id: integer('id').primaryKey().default(1),
  /** `invite` by default: a fresh instance reachable from anywhere must not let strangers in. */
  signUpPolicy: text('sign_up_policy', { enum: SIGN_UP_POLICIES }).notNull().default('invite'),
  globalDailyBudgetMicros: bigint('global_daily_budget_micros', { mode: 'number' }),
  defaultDailyBudgetMicros: bigint('default_daily_budget_micros', { mode: 'number' }),
  defaultGeneratePerMinute: integer('default_generate_per_minute').notNull().default(30),
  defaultRequestsPerMinute: integer('default_requests_per_minute').notNull().default(600),
  /** Bytes of stored images a user may keep unless their own quota says otherwise; null means no quota. */
  defaultStorageQuotaBytes: bigint('default_storage_quota_bytes', { mode: 'number' }).default(
    DEFAULT_STORAGE_QUOTA_BYTES
  ),
  /** Days a deleted image stays restorable in the trash before the daily cleanup purges it. */
  trashRetentionDays: integer('trash_retention_days').notNull().default(30),
  /** Images older than this many days are purged by the daily cleanup; null keeps them forever. */
  imageRetentionDays: integer('image_retention_days'),
  /** What happens to a prompt or image the safety checks flag: refused, blurred in the studio, or allowed. */
  contentPolicy: text('content_policy', { enum: CONTENT_POLICIES }).notNull().default('block'),
  /** Runs the local NSFW classifier on outputs and uploads (loads ~0.7 GB of model once; off by default). */
  nsfwClassifierEnabled: boolean('nsfw_classifier_enabled').notNull().default(false),
  /** An NSFW score at or above this flags the image. */
  nsfwThreshold: real('nsfw_threshold').notNull().default(0.7),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * `released`: its call charged nothing. `expired`: still `reserved` past `expires_at` when a sweep found it
 * (its process died before settling); a late settle still records what was spent.
 */
export const RESERVATION_STATUSES = ['reserved', 'settled', 'released', 'expired'] as const;

/**
 * Money set aside for a paid provider call, in micro-dollars so sums are exact. A `reserved` row past
 * `expires_at` (its process died between reserve and settle) stops counting against any budget.
 */
export const budgetReservations = pgTable(
  'budget_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** UTC day the spend counts against, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    reservedMicros: bigint('reserved_micros', { mode: 'number' }).notNull(),
    actualMicros: bigint('actual_micros', { mode: 'number' }),
    status: text('status', { enum: RESERVATION_STATUSES }).notNull().default('reserved'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true })
  },
  (table) => [index('budget_reservations_day_user_idx').on(table.day, table.userId)]
);

/** Who did what: sign-ins, key creation and revocation, admin changes, paid generations. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ipAddress: text('ip_address')
  },
  (table) => [index('audit_log_at_idx').on(table.at.desc()), index('audit_log_actor_idx').on(table.actorUserId)]
);

/**
 * Webhook deliveries already taken (their `webhook-id`), shared by every instance on the database, so
 * a replayed delivery is refused wherever it lands. Rows older than the replay window can be purged.
 */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: text('id').primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
});
