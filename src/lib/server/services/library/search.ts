import {
  estimateLibraryRows,
  findLibraryRows,
  type LibraryFilter,
  type LibrarySort
} from '../../db/repositories/library-search';
import type { ImageStatus } from '../../db/schema';
import type { Deps } from '../deps';
import { toImageDto, type ImageDto } from '../image-dto';
import type { Actor } from '../users';
import { decodeLibraryCursor, encodeLibraryCursor, filterFingerprint } from './search-cursor';

type SearchDeps = Pick<Deps, 'db' | 'storage'>;

/** The library's filters as the procedures take them: dates are days (`2026-11-30`) or ISO instants. */
export type LibraryFilters = {
  text?: string;
  provider?: string;
  model?: string;
  size?: string;
  status?: ImageStatus;
  from?: string;
  to?: string;
  favorite?: boolean;
  collectionId?: string;
  hasParent?: boolean;
  operation?: string;
  seed?: number;
  trash: boolean;
};

export type SearchRequest = LibraryFilters & {
  sort: LibrarySort;
  limit: number;
  cursor?: string;
  /** Rows to skip when there is no cursor (the seed's history paging). */
  offset?: number;
};

/** How many images match: counted when they all fit on the first page, else the planner's estimate. */
export type SearchTotal = { count: number; exact: boolean };

export type SearchPage = { images: ImageDto[]; nextCursor: string | null; total: SearchTotal };

/**
 * A page of the actor's library (or trash) narrowed by the filters, in `sort` order. Pages are keyset
 * pages: `nextCursor` names the last row's position, so images added meanwhile never shift a page. The
 * total costs nothing on later pages (the cursor carries the first page's); on the first it is the page's
 * own length when everything fits, else the planner's estimate (a plan, not a scan: counting 100 000 rows
 * costs more than the page).
 */
export async function searchLibrary(deps: SearchDeps, actor: Actor, request: SearchRequest): Promise<SearchPage> {
  const filter = toLibraryFilter(request);
  const fingerprint = filterFingerprint(filter);
  const cursor = request.cursor ? decodeLibraryCursor(request.cursor, request.sort, fingerprint) : undefined;
  const offset = cursor ? 0 : (request.offset ?? 0);
  const rows = await findLibraryRows(deps.db, actor.id, filter, {
    sort: request.sort,
    limit: request.limit,
    after: cursor?.position,
    offset
  });
  const page = rows.slice(0, request.limit);
  const more = rows.length > request.limit;
  const total = cursor
    ? cursor.total
    : !more && (offset === 0 || page.length > 0)
      ? { count: offset + page.length, exact: true }
      : await estimateTotal(deps, actor, filter, offset + rows.length);
  const last = page.at(-1);
  return {
    images: page.map((row) => toImageDto(row, deps.storage)),
    nextCursor:
      more && last ? encodeLibraryCursor({ sort: request.sort, fingerprint, position: last.position, total }) : null,
    total
  };
}

async function estimateTotal(
  deps: SearchDeps,
  actor: Actor,
  filter: LibraryFilter,
  seen: number
): Promise<SearchTotal> {
  const estimated = await estimateLibraryRows(deps.db, actor.id, filter);
  return { count: Math.max(estimated, seen), exact: false };
}

function toLibraryFilter(request: SearchRequest): LibraryFilter {
  const { text, from, to } = request;
  return {
    text: text === undefined || text === '' ? undefined : text,
    provider: request.provider,
    model: request.model,
    size: request.size,
    status: request.status,
    from: from === undefined ? undefined : startOf(from),
    before: to === undefined ? undefined : isDay(to) ? nextDay(startOf(to)) : startOf(to),
    favorite: request.favorite,
    collectionId: request.collectionId,
    hasParent: request.hasParent,
    operation: request.operation,
    seed: request.seed,
    trash: request.trash
  };
}

function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** A day means its first instant in UTC. */
function startOf(value: string): Date {
  return new Date(isDay(value) ? `${value}T00:00:00Z` : value);
}

function nextDay(day: Date): Date {
  return new Date(day.getTime() + 24 * 60 * 60 * 1000);
}
