import type { LibrarySearchInput } from './trpc';

/** What a library URL holds: `images.search`'s input without paging. */
export type LibraryQuery = Omit<LibrarySearchInput, 'limit' | 'cursor'>;

/** Values the server assumes when a field is absent; leaving them out keeps shared links short. */
const DEFAULTS: Partial<Record<keyof LibraryQuery, unknown>> = { sort: 'newest', trash: false };

/**
 * The query string of a library URL, one parameter per `images.search` field in a fixed order, so equal
 * queries give equal links (the server reads them back in `libraryQueryFromParams`).
 */
export function libraryParams(query: LibraryQuery): URLSearchParams {
  const params = new URLSearchParams();
  const fields = Object.keys(query).sort() as (keyof LibraryQuery)[];
  for (const field of fields) {
    const value = query[field];
    if (value === undefined || value === null || value === '' || value === DEFAULTS[field]) continue;
    params.set(field, String(value));
  }
  return params;
}

/** The search part of a library URL for `query`: empty for the default view, else `?…`. */
export function librarySearch(query: LibraryQuery): string {
  const search = libraryParams(query).toString();
  return search ? `?${search}` : '';
}

/** What picks the view rather than narrowing it: the trash or a collection, and the order. */
const VIEW_FIELDS: ReadonlySet<string> = new Set(['sort', 'trash', 'collectionId']);

/** Whether anything narrows the listing within its view (the library, the trash or a collection). */
export function isFiltered(query: LibraryQuery): boolean {
  return Object.entries(query).some(([field, value]) => !VIEW_FIELDS.has(field) && value !== undefined && value !== '');
}
