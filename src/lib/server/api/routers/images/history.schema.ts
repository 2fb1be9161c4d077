import { z } from 'zod';
import { ZLibraryFilters } from './search.schema';

/** The seed's paging (limit, offset) plus the library's filters; always newest first. */
export const ZHistoryInput = ZLibraryFilters.extend({
  limit: z.int().min(1).max(100).default(20).describe('Images per page, 1–100; default 20.'),
  offset: z.int().min(0).max(1_000_000).default(0).describe('Images to skip, newest first; default 0.'),
  cursor: z.string().max(300).optional().describe('nextCursor of the previous page; overrides offset.')
}).default({ limit: 20, offset: 0, trash: false });

export type THistoryInput = z.infer<typeof ZHistoryInput>;
