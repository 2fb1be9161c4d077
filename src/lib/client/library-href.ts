import { resolve } from '$app/paths';
import { librarySearch, type LibraryQuery } from './library-url';

/** The library page showing `query`; the query string is the whole search, so the link can be shared. */
export function libraryHref(query: LibraryQuery): string {
  return resolve('/library') + librarySearch(query);
}
