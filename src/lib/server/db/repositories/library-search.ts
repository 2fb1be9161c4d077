import { and, eq, getTableColumns, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { collectionImages, generatedImages, imageCollections, imageFavorites, type ImageStatus } from '../schema';
import type { Db } from '../types';
import type { LibraryImageRow } from './generated-images';
import { splitSearchText } from './search-text';

/**
 * The library's one read: every filter, full-text search and keyset pages in four orders. `images.search`
 * and `images.history` (and so REST and MCP) all page through `findLibraryRows`.
 */

type Reader = Pick<Db, 'select' | 'execute'>;

/** Pairs of exact reverses, so one index serves both of a pair (scanned forwards or backwards). */
export const LIBRARY_ORDERS = {
  newest: { keys: ['createdAt', 'id'], descending: true },
  oldest: { keys: ['createdAt', 'id'], descending: false },
  costliest: { keys: ['costUsd', 'createdAt', 'id'], descending: true },
  cheapest: { keys: ['costUsd', 'createdAt', 'id'], descending: false }
} as const;

export type LibrarySort = keyof typeof LIBRARY_ORDERS;

/** What narrows the library, with dates already resolved to instants; absent fields don't filter. */
export type LibraryFilter = {
  text?: string;
  provider?: string;
  model?: string;
  size?: string;
  status?: ImageStatus;
  /** created_at ≥ from */
  from?: Date;
  /** created_at < before */
  before?: Date;
  favorite?: boolean;
  collectionId?: string;
  hasParent?: boolean;
  /** `generate` (no edit type), `upload`, or an edit type. */
  operation?: string;
  seed?: number;
  /** true: only trashed images; false: only the library's. */
  trash: boolean;
};

/** Where a row sits in every order, in the database's own precision (microseconds, numeric) as text. */
export type LibraryPosition = { createdAt: string; costUsd: string; id: string };

export type LibraryPageRow = LibraryImageRow & { position: LibraryPosition };

export type LibraryPage = {
  sort: LibrarySort;
  limit: number;
  /** Rows strictly after this position in `sort`'s order. */
  after?: LibraryPosition;
  /** Rows to skip; only the seed's history paging uses it. */
  offset?: number;
};

const POSITION_COLUMNS = {
  createdAt: sql`${generatedImages.createdAt}`,
  costUsd: sql`${generatedImages.costUsd}`,
  id: sql`${generatedImages.id}`
};
const POSITION_TYPES = { createdAt: sql`timestamptz`, costUsd: sql`numeric`, id: sql`uuid` };

/** `limit + 1` rows of the page, so the caller knows whether another follows. */
export async function findLibraryRows(
  db: Reader,
  userId: string,
  filter: LibraryFilter,
  page: LibraryPage
): Promise<LibraryPageRow[]> {
  const order = LIBRARY_ORDERS[page.sort];
  const conditions = filterConditions(userId, filter);
  if (page.after) conditions.push(afterPosition(order, page.after));
  // Spelled like the indexes (drizzle writes `desc nulls last`): a bare `desc` means `nulls first` to
  // PostgreSQL, which no index matches, so it sorted every row of the user (300 ms at 100 000) instead of
  // reading the first of an index. `asc nulls first` is the same index read backwards.
  const direction = order.descending ? sql`desc nulls last` : sql`asc nulls first`;
  // A join rather than `libraryImageColumns`' exists(): under the limit the planner probes the favorites'
  // primary key for each row of the page instead of hashing all of the user's favorites first.
  const favorite = and(eq(imageFavorites.userId, userId), eq(imageFavorites.imageId, generatedImages.id));
  const rows = await db
    .select({
      ...getTableColumns(generatedImages),
      favorite: sql<boolean>`${imageFavorites.imageId} is not null`.mapWith(Boolean),
      positionCreatedAt: sql<string>`${generatedImages.createdAt}::text`,
      positionCostUsd: sql<string>`${generatedImages.costUsd}::text`
    })
    .from(generatedImages)
    .leftJoin(imageFavorites, favorite)
    .where(and(...conditions))
    .orderBy(...order.keys.map((key) => sql`${POSITION_COLUMNS[key]} ${direction}`))
    .limit(page.limit + 1)
    .offset(page.offset ?? 0);
  return rows.map(({ positionCreatedAt, positionCostUsd, ...row }) => ({
    ...row,
    position: { createdAt: positionCreatedAt, costUsd: positionCostUsd, id: row.id }
  }));
}

const ZPlan = z.object({
  rows: z.array(
    z.object({
      'QUERY PLAN': z.preprocess(
        (plan) => (typeof plan === 'string' ? JSON.parse(plan) : plan),
        z.array(z.object({ Plan: z.object({ 'Plan Rows': z.number() }) }))
      )
    })
  )
});

/**
 * How many rows the planner expects the filter to match (from its statistics, so as fresh as the last
 * ANALYZE): costs a plan, not a scan.
 */
export async function estimateLibraryRows(db: Reader, userId: string, filter: LibraryFilter): Promise<number> {
  const where = and(...filterConditions(userId, filter));
  const result = await db.execute(sql`explain (format json) select 1 from ${generatedImages} where ${where}`);
  const plan = ZPlan.parse(result).rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  return Math.round(plan);
}

function afterPosition(order: (typeof LIBRARY_ORDERS)[LibrarySort], position: LibraryPosition): SQL {
  const columns = sql.join(
    order.keys.map((key) => POSITION_COLUMNS[key]),
    sql`, `
  );
  const values = sql.join(
    order.keys.map((key) => sql`${position[key]}::${POSITION_TYPES[key]}`),
    sql`, `
  );
  return order.descending ? sql`(${columns}) < (${values})` : sql`(${columns}) > (${values})`;
}

function filterConditions(userId: string, filter: LibraryFilter): SQL[] {
  const image = generatedImages;
  const conditions: Array<SQL | undefined> = [
    eq(image.userId, userId),
    filter.trash ? isNotNull(image.deletedAt) : isNull(image.deletedAt),
    filter.text === undefined ? undefined : textCondition(filter.text),
    filter.provider === undefined ? undefined : eq(image.provider, filter.provider),
    filter.model === undefined ? undefined : eq(image.model, filter.model),
    filter.size === undefined ? undefined : eq(image.size, filter.size),
    filter.status === undefined ? undefined : eq(image.status, filter.status),
    filter.from === undefined ? undefined : gte(image.createdAt, filter.from),
    filter.before === undefined ? undefined : lt(image.createdAt, filter.before),
    filter.seed === undefined ? undefined : eq(image.seed, filter.seed),
    filter.hasParent === undefined
      ? undefined
      : filter.hasParent
        ? isNotNull(image.parentImageId)
        : isNull(image.parentImageId),
    filter.operation === undefined
      ? undefined
      : filter.operation === 'generate'
        ? isNull(image.editType)
        : eq(image.editType, filter.operation)
  ];
  if (filter.favorite !== undefined) {
    const starred = sql`exists (select 1 from ${imageFavorites} where ${imageFavorites.userId} = ${userId} and ${imageFavorites.imageId} = ${image.id})`;
    conditions.push(filter.favorite ? starred : sql`not ${starred}`);
  }
  if (filter.collectionId !== undefined) {
    conditions.push(sql`${image.id} in (
      select ${collectionImages.imageId} from ${collectionImages}
      join ${imageCollections} on ${imageCollections.id} = ${collectionImages.collectionId}
      where ${collectionImages.collectionId} = ${filter.collectionId} and ${imageCollections.userId} = ${userId}
    )`);
  }
  return conditions.filter((condition) => condition !== undefined);
}

function textCondition(text: string): SQL {
  const { words, prefixes } = splitSearchText(text);
  const parts = [
    words ? sql`websearch_to_tsquery('english', ${words})` : undefined,
    prefixes ? sql`to_tsquery('english', ${prefixes})` : undefined
  ].filter((part) => part !== undefined);
  if (parts.length === 0) return sql`false`;
  return sql`${generatedImages.promptSearch} @@ (${sql.join(parts, sql` && `)})`;
}
