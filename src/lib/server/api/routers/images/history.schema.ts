import { z } from 'zod';
import { boundedInt } from '../../schemas/bounds';
import { ZLibraryFilters } from './search.schema';

/** The seed's paging (limit, offset) plus the library's filters; always newest first. */
export const ZHistoryInput = ZLibraryFilters.extend({
  limit: boundedInt('limit', 1, 100).default(20),
  offset: boundedInt('offset', 0, 1_000_000).default(0),
  cursor: z.string().max(300, 'cursor is at most 300 characters; pass nextCursor unchanged.').optional()
}).default({ limit: 20, offset: 0, trash: false });

export type THistoryInput = z.infer<typeof ZHistoryInput>;
