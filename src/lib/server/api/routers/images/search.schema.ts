import { z } from 'zod';
import { IMAGE_STATUSES } from '../../../db/schema';
import { OPERATIONS } from '../../../services/providers';
import { boundedInt, oneOf, shortName } from '../../schemas/bounds';
import { noControlCharacters } from '../../schemas/text';

export const LIBRARY_SORTS = ['newest', 'oldest', 'costliest', 'cheapest'] as const;

/** How an image was made: an operation of the provider contract, or `upload` for an image brought in. */
export const LIBRARY_OPERATIONS = [...OPERATIONS, 'upload'] as const;

const ZDay = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'Dates look like 2026-11-30 or 2026-11-30T18:00:00Z.'
});

/** What narrows the library; every field is optional and they combine with AND. */
export const ZLibraryFilters = z.object({
  text: z
    .string()
    .trim()
    .max(500, 'A search is at most 500 characters.')
    .check(noControlCharacters('The search'))
    .optional()
    .describe('Words (stemmed), "phrases", prefix*, -excluded.'),
  provider: shortName('provider', 64).check(noControlCharacters('The provider id')).optional(),
  model: shortName('model', 128).check(noControlCharacters('The model id')).optional(),
  size: z
    .string()
    .regex(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, 'Size must look like 1024x1024.')
    .optional(),
  status: oneOf('status', IMAGE_STATUSES).optional(),
  from: ZDay.optional().describe('UTC day or instant.'),
  to: ZDay.optional().describe('UTC day (inclusive) or instant.'),
  favorite: z.boolean().optional(),
  collectionId: z.uuid('collectionId must be a collection id (a UUID).').optional(),
  hasParent: z.boolean().optional(),
  operation: oneOf('operation', LIBRARY_OPERATIONS).optional(),
  seed: boundedInt('seed', 0, 4_294_967_295).optional(),
  trash: z.boolean().default(false).describe('Search the trash instead.')
});

export const ZSearchInput = ZLibraryFilters.extend({
  sort: oneOf('sort', LIBRARY_SORTS).default('newest'),
  limit: boundedInt('limit', 1, 100).default(50),
  cursor: z.string().max(300, 'cursor is at most 300 characters; pass nextCursor unchanged.').optional()
});

export type TLibraryFilters = z.infer<typeof ZLibraryFilters>;
export type TSearchInput = z.infer<typeof ZSearchInput>;
