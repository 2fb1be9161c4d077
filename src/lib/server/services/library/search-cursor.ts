import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  LIBRARY_ORDERS,
  type LibraryFilter,
  type LibraryPosition,
  type LibrarySort
} from '../../db/repositories/library-search';
import { AppError } from '../../errors';

/**
 * A library page's `nextCursor`: opaque to clients, it names the sort, the filters (by fingerprint), the
 * last row's position in the database's own precision and the total of the first page, so later pages
 * neither drift nor count again.
 */
export type LibraryCursor = {
  sort: LibrarySort;
  fingerprint: string;
  position: LibraryPosition;
  total: { count: number; exact: boolean };
};

const VERSION = 1;

/** PostgreSQL's text form of a timestamptz between years 1970 and 9999 (what `created_at::text` gives). */
const TIMESTAMP = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

const ZCursor = z.tuple([
  z.literal(VERSION),
  z.enum(Object.keys(LIBRARY_ORDERS) as [LibrarySort, ...LibrarySort[]]),
  z.string(),
  z.string().regex(TIMESTAMP),
  z.string().regex(/^\d{1,4}(\.\d{1,6})?$/),
  z.uuid(),
  z.int().min(0),
  z.boolean()
]);

/** A short hash of the filters a cursor was made for (the order of the keys does not matter). */
export function filterFingerprint(filter: LibraryFilter): string {
  const entries = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 12);
}

export function encodeLibraryCursor({ sort, fingerprint, position, total }: LibraryCursor): string {
  const fields = [
    VERSION,
    sort,
    fingerprint,
    position.createdAt,
    position.costUsd,
    position.id,
    total.count,
    total.exact
  ];
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** The cursor's position and total; a cursor of another sort or other filters is refused, as is a forged one. */
export function decodeLibraryCursor(cursor: string, sort: LibrarySort, fingerprint: string): LibraryCursor {
  const parsed = ZCursor.safeParse(parseJson(Buffer.from(cursor, 'base64url').toString('utf8')));
  if (!parsed.success) {
    throw new AppError('validation', 'The cursor is not one returned by this list; start again without it.');
  }
  const [, cursorSort, cursorFingerprint, createdAt, costUsd, id, count, exact] = parsed.data;
  if (cursorSort !== sort) {
    throw new AppError(
      'validation',
      `The cursor belongs to a list sorted by ${cursorSort}, not ${sort}; keep sort ${cursorSort} or start again without the cursor.`
    );
  }
  if (cursorFingerprint !== fingerprint) {
    throw new AppError(
      'validation',
      'The cursor belongs to a search with other text or filters; repeat that search or start again without the cursor.'
    );
  }
  return { sort, fingerprint, position: { createdAt, costUsd, id }, total: { count, exact } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
