import { z } from 'zod';
import { KNOBS } from '../../../services/providers';
import { ZImageAnalysis } from './analyze.schema';

/**
 * What the image procedures answer, checked by `.output()`; the doors' types are inferred from these, and
 * MCP tools use them as their output schemas. Never carries image bytes.
 */
export const ZWarningOutput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('unsupported'),
    setting: z.enum(KNOBS).describe('The request setting the model ignored, e.g. seed or negativePrompt.'),
    details: z.string().optional()
  }),
  z.object({ type: z.literal('other'), message: z.string() })
]);

export const ZImageOutput = z.object({
  id: z.string().describe('Image id; read the full image at atelier://images/<id>.'),
  status: z.enum(['pending', 'generating', 'completed', 'failed', 'canceled']),
  prompt: z.string(),
  revisedPrompt: z.string().nullable(),
  negativePrompt: z.string().nullable(),
  provider: z.string(),
  model: z.string(),
  size: z.string(),
  quality: z.string().nullable(),
  style: z.string().nullable(),
  seed: z.number().nullable(),
  steps: z.number().nullable(),
  cfgScale: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  format: z.string().nullable(),
  fileSize: z.number().nullable().describe('Bytes of the full image.'),
  costUsd: z.number(),
  generationTimeMs: z.number().nullable(),
  errorMessage: z.string().nullable().describe('Why the image failed; null unless status is failed.'),
  warnings: z.array(ZWarningOutput),
  parentImageId: z.string().nullable().describe('The image this one was made from (edits, variations, upscales).'),
  editType: z
    .string()
    .nullable()
    .describe(
      'How it was made from its parent (inpaint, outpaint, variation, upscale, style, …); upload for an image brought in; null for a generation.'
    ),
  strength: z.number().nullable(),
  url: z.string().nullable().describe('Path of the full image on the Atelier web server; null until completed.'),
  thumbnailUrl: z.string().nullable(),
  previewUrls: z
    .array(z.object({ width: z.number(), url: z.string() }))
    .describe(
      'WebP previews whose longest side is at most width (512, 1024), made on first request; empty until completed.'
    ),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  favorite: z.boolean().describe('Starred by its owner.'),
  deletedAt: z
    .string()
    .nullable()
    .describe('When it was moved to the trash (restorable until purged); null for an image in the library.'),
  analysis: ZImageAnalysis.nullable().describe('The latest analysis (analyze_image); null until analyzed.'),
  safety: z
    .object({ flagged: z.boolean(), nsfwScore: z.number() })
    .nullable()
    .describe("The local NSFW classifier's verdict when the instance runs it; null otherwise."),
  hiddenAt: z
    .string()
    .nullable()
    .describe('When an admin hid it after a report: its public links stop answering; null when visible.')
});

export const ZGenerateOutput = z.object({
  images: z.array(ZImageOutput).describe('One entry per requested image; check each status.'),
  warnings: z
    .array(ZWarningOutput)
    .describe('Settings the model could not honour and ignored; the images were still made.'),
  cache: z
    .object({
      hit: z.boolean().describe('true: these are the images an identical earlier request made; nothing was charged.'),
      savedUsd: z.number().describe('With a hit: what those images cost when they were made; 0 otherwise.')
    })
    .describe('Whether the answer came from the cache (a seeded generate request repeated within the cache window).')
});

export const ZHistoryOutput = z.object({
  userId: z.string(),
  images: z.array(ZImageOutput).describe('This page, newest first.'),
  total: z
    .number()
    .describe(
      "How many images match: counted when they all fit on the first page (totalExact true), otherwise the database planner's estimate (totalExact false); worked out on the first page and carried unchanged to later ones."
    ),
  totalExact: z.boolean().describe('true when total is a count of the rows, false when it is an estimate.'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page.')
});

export const ZEstimateOutput = z.object({
  provider: z.string(),
  model: z.string().describe('The model that would run (a shut-down model resolves to its replacement).'),
  size: z.string(),
  count: z.number(),
  calls: z.number().describe('Provider calls the request becomes.'),
  perImageUsd: z.number(),
  estimatedUsd: z.number().describe('What the budget reserves; the recorded cost comes from the provider after.'),
  price: z.object({ description: z.string(), unit: z.enum(['free', 'image', 'token', 'credit', 'second']) }),
  warnings: z.array(ZWarningOutput)
});

export const ZUploadOutput = z.object({
  image: ZImageOutput.describe('The image as kept in the library; use its id as the image of an edit.')
});

export const ZLineageOutput = z.object({
  ancestors: z
    .array(ZImageOutput)
    .describe("The images this one was made from: its parent first, then that one's parent, up to 20."),
  children: z.array(ZImageOutput).describe('The images made directly from this one, newest first, up to 50.')
});

export const ZCancelOutput = z.object({
  images: z.array(ZImageOutput).describe('The images the cancel ended, each now canceled.')
});

export type TImageOutput = z.infer<typeof ZImageOutput>;
export type TWarningOutput = z.infer<typeof ZWarningOutput>;

export const ZSearchOutput = z.object({
  images: z.array(ZImageOutput).describe('This page, in the requested order.'),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor (with the same query) for the next page; null at the end.'),
  total: z
    .object({
      count: z.number(),
      exact: z.boolean().describe("false when count is the planner's estimate, not a count of the rows.")
    })
    .nullable()
    .describe(
      "How many images match: counted when they all fit on the first page, otherwise the database planner's estimate (exact false); worked out on the first page and carried unchanged to later ones."
    )
});

export const ZFavoriteOutput = z.object({
  ids: z.array(z.string()).describe('The images now in the requested state.'),
  favorite: z.boolean()
});

export const ZDeleteOutput = z.object({
  ids: z.array(z.string()).describe('The images now in the trash (already trashed ones included).'),
  purgeAfter: z.string().describe('When the daily cleanup purges them unless restored (ISO 8601).')
});

export const ZRestoreOutput = z.object({
  images: z.array(ZImageOutput).describe('The images back in the library.')
});

export const ZPurgeOutput = z.object({
  purged: z.number().describe('Images deleted for good, with their files.'),
  freedBytes: z.number().describe('Bytes of image files removed.')
});

export type TSearchOutput = z.infer<typeof ZSearchOutput>;
