import { sql, type SQL } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  real,
  text,
  timestamp,
  uuid,
  type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { IMAGE_STATUSES } from './enums';
import type { ImageAnalysis, ImageSafety } from './image-insights';
import { users } from './users';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** One row per image; also the job record (`pending → generating → completed | failed | canceled`). */
export const generatedImages = pgTable(
  'generated_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id'),
    taskId: text('task_id'),
    prompt: text('prompt').notNull(),
    revisedPrompt: text('revised_prompt'),
    negativePrompt: text('negative_prompt'),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    size: text('size').notNull(),
    quality: text('quality'),
    style: text('style'),
    seed: integer('seed'),
    steps: integer('steps'),
    cfgScale: real('cfg_scale'),
    sampler: text('sampler'),
    url: text('url'),
    storagePath: text('storage_path'),
    thumbnailPath: text('thumbnail_path'),
    parentImageId: uuid('parent_image_id').references((): AnyPgColumn => generatedImages.id, { onDelete: 'set null' }),
    editType: text('edit_type'),
    maskStoragePath: text('mask_storage_path'),
    strength: real('strength'),
    width: integer('width'),
    height: integer('height'),
    format: text('format'),
    fileSize: integer('file_size'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    costUsd: numeric('cost_usd', { precision: 10, scale: 6, mode: 'number' }).notNull().default(0),
    creditsUsed: numeric('credits_used', { precision: 10, scale: 4, mode: 'number' }),
    status: text('status', { enum: IMAGE_STATUSES }).notNull().default('pending'),
    errorMessage: text('error_message'),
    generationTimeMs: integer('generation_time_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Set when the owner deletes the image: it sits in the trash until restored or purged. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /**
     * Hash of everything that decides a seeded generation's pixels (prompt, provider, model, size, knobs,
     * seed); an identical request within the cache window returns this image instead of paying again.
     */
    cacheKey: text('cache_key'),
    /** The latest analysis (`images.analyze`); its words join the full-text search below. */
    analysis: jsonb('analysis').$type<ImageAnalysis>(),
    /** The local NSFW classifier's verdict, when the instance runs it. */
    safety: jsonb('safety').$type<ImageSafety>(),
    /** Set when an admin hides the image after a report: its public links stop answering until restored. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    /**
     * Prompt, revised prompt and the analysis's description, subjects, style and tags (`->>` of a jsonb
     * array is its JSON text, whose punctuation the parser skips).
     */
    promptSearch: tsvector('prompt_search').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('english', coalesce(${generatedImages.prompt}, '') || ' ' || coalesce(${generatedImages.revisedPrompt}, '') || ' ' || coalesce(${generatedImages.analysis} ->> 'description', '') || ' ' || coalesce(${generatedImages.analysis} ->> 'subjects', '') || ' ' || coalesce(${generatedImages.analysis} ->> 'style', '') || ' ' || coalesce(${generatedImages.analysis} ->> 'tags', ''))`
    )
  },
  (table) => [
    index('generated_images_user_created_idx').on(table.userId, table.createdAt.desc(), table.id.desc()),
    index('generated_images_user_cost_idx').on(
      table.userId,
      table.costUsd.desc(),
      table.createdAt.desc(),
      table.id.desc()
    ),
    index('generated_images_status_idx').on(table.status),
    index('generated_images_provider_idx').on(table.provider, table.createdAt),
    index('generated_images_parent_idx').on(table.parentImageId),
    index('generated_images_prompt_search_idx').using('gin', table.promptSearch),
    index('generated_images_user_trash_idx')
      .on(table.userId, table.deletedAt)
      .where(sql`${table.deletedAt} is not null`),
    index('generated_images_user_cache_idx')
      .on(table.userId, table.cacheKey, table.createdAt.desc())
      .where(sql`${table.cacheKey} is not null`)
  ]
);

export type GeneratedImageRow = typeof generatedImages.$inferSelect;
export type NewGeneratedImageRow = typeof generatedImages.$inferInsert;
