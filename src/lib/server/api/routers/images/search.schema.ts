import { z } from 'zod';
import { IMAGE_STATUSES } from '../../../db/schema';
import { OPERATIONS } from '../../../services/providers';
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
    .describe(
      'Full-text search over the prompt and revised prompt: words are stemmed (cats finds cat), "quoted phrases" match in order, a trailing * matches a prefix (light* finds lighthouse), -word excludes.'
    ),
  provider: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .check(noControlCharacters('The provider id'))
    .optional()
    .describe('Only images of this provider id (local, openai, stability, replicate, upload).'),
  model: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .check(noControlCharacters('The model id'))
    .optional()
    .describe('Only images of this model id, e.g. gpt-image-1.'),
  size: z
    .string()
    .regex(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, 'Size must look like 1024x1024.')
    .optional()
    .describe('Only images requested at this size, e.g. 1024x1024.'),
  status: z.enum(IMAGE_STATUSES).optional().describe('Only images in this state; default: any.'),
  from: ZDay.optional().describe('Made at or after this day or instant (UTC).'),
  to: ZDay.optional().describe('Made before the end of this day, or before this instant (UTC).'),
  favorite: z.boolean().optional().describe('true: only favorites; false: only the others.'),
  collectionId: z
    .uuid('collectionId must be a collection id (a UUID).')
    .optional()
    .describe('Only images in this collection of yours.'),
  hasParent: z.boolean().optional().describe('true: only images made from another image (edits, variations …).'),
  operation: z
    .enum(LIBRARY_OPERATIONS)
    .optional()
    .describe('How the image was made: generate, inpaint, outpaint, variation, upscale, style, … or upload.'),
  seed: z.int().min(0).max(4_294_967_295).optional().describe('Only images made with this seed.'),
  trash: z
    .boolean()
    .default(false)
    .describe('true lists the trash (deleted images, restorable until purged) instead of the library.')
});

export const ZSearchInput = ZLibraryFilters.extend({
  sort: z
    .enum(LIBRARY_SORTS)
    .default('newest')
    .describe('newest (default), oldest, costliest (ties newest first) or cheapest (ties oldest first).'),
  limit: z.int().min(1).max(100).default(50).describe('Images per page, 1–100; default 50.'),
  cursor: z.string().max(300).optional().describe('nextCursor of the previous page (same query and sort).')
});

export type TLibraryFilters = z.infer<typeof ZLibraryFilters>;
export type TSearchInput = z.infer<typeof ZSearchInput>;
