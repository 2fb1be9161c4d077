import {
  LIBRARY_OPERATIONS,
  LIBRARY_SORTS,
  ZSearchInput,
  type TSearchInput
} from '../api/routers/images/search.schema';
import { paramValue } from './query-input';

/** The part of `images.search`'s input a library URL holds; paging (limit, cursor) is not shareable. */
export type LibraryQuery = Omit<TSearchInput, 'limit' | 'cursor'>;

const FILTER_FIELDS = ZSearchInput.omit({ limit: true, cursor: true }).shape;
type FilterField = keyof typeof FILTER_FIELDS;

function isFilterField(name: string): name is FilterField {
  return Object.hasOwn(FILTER_FIELDS, name);
}

/**
 * Reads a library URL's query string as `images.search` input: each parameter is named like its input
 * field and checked by that field's own schema. A parameter that does not pass is left out and named in
 * `ignored`, so a hand-edited or outdated link still opens the library instead of an error page.
 */
export function libraryQueryFromParams(params: URLSearchParams): { query: LibraryQuery; ignored: string[] } {
  const raw: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [name, value] of params) {
    if (value === '' || !isFilterField(name)) continue;
    const parsed = FILTER_FIELDS[name].safeParse(paramValue(FILTER_FIELDS[name], value));
    if (parsed.success) raw[name] = parsed.data;
    else ignored.push(name);
  }
  const query = ZSearchInput.omit({ limit: true, cursor: true }).parse(raw);
  return { query, ignored };
}

/** The values the library's filter menus offer where the input takes a fixed set. */
export const LIBRARY_CHOICES = {
  sorts: LIBRARY_SORTS,
  operations: LIBRARY_OPERATIONS,
  statuses: FILTER_FIELDS.status.unwrap().options
};
