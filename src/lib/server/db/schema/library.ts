import {
  boolean,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  jsonb,
  index,
  numeric,
  type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { generatedImages } from './generated-images';
import { users } from './users';

export const imageFavorites = pgTable(
  'image_favorites',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    imageId: uuid('image_id')
      .notNull()
      .references(() => generatedImages.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [primaryKey({ columns: [table.userId, table.imageId] })]
);

export const promptTemplates = pgTable(
  'prompt_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    template: text('template').notNull(),
    category: text('category'),
    variables: jsonb('variables').$type<string[]>().notNull().default([]),
    defaultProvider: text('default_provider'),
    defaultModel: text('default_model'),
    defaultSize: text('default_size'),
    isPublic: boolean('is_public').notNull().default(false),
    useCount: integer('use_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [index('prompt_templates_user_idx').on(table.userId)]
);

export const imageCollections = pgTable(
  'image_collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    coverImageId: uuid('cover_image_id').references(() => generatedImages.id, { onDelete: 'set null' }),
    isPublic: boolean('is_public').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [uniqueIndex('image_collections_user_name_idx').on(table.userId, table.name)]
);

export const collectionImages = pgTable(
  'collection_images',
  {
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => imageCollections.id, { onDelete: 'cascade' }),
    imageId: uuid('image_id')
      .notNull()
      .references(() => generatedImages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [
    primaryKey({ columns: [table.collectionId, table.imageId] }),
    index('collection_images_image_idx').on(table.imageId)
  ]
);

/**
 * A look to apply to a prompt: provider, model, knobs and prompt additions. Rows without a user are the
 * built-in presets everyone sees; a user who edits one gets their own copy (`basedOnId`) that hides it.
 */
export const stylePresets = pgTable(
  'style_presets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Stable name of a built-in preset (`cyberpunk`); null for the ones users make. */
    builtInKey: text('built_in_key').unique(),
    basedOnId: uuid('based_on_id').references((): AnyPgColumn => stylePresets.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    description: text('description'),
    provider: text('provider'),
    model: text('model'),
    /** Knobs the preset sets: size, quality, style, steps, cfgScale, negativePrompt… */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    promptPrefix: text('prompt_prefix'),
    promptSuffix: text('prompt_suffix'),
    previewImageId: uuid('preview_image_id').references(() => generatedImages.id, { onDelete: 'set null' }),
    /** A preview shipped in `static/` (built-in presets). */
    previewPath: text('preview_path'),
    useCount: integer('use_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [uniqueIndex('style_presets_user_name_idx').on(table.userId, table.name)]
);

/** A request answered from the 7-day cache: what it would have cost, so saved money can be reported. */
export const cacheHits = pgTable(
  'cache_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    imageId: uuid('image_id').references(() => generatedImages.id, { onDelete: 'set null' }),
    savedUsd: numeric('saved_usd', { precision: 10, scale: 6, mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (table) => [index('cache_hits_user_created_idx').on(table.userId, table.createdAt)]
);
