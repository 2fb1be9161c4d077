import { z } from 'zod';

/**
 * The JSON every tool returns as `structuredContent`, mirroring the API's DTOs (tools check their data
 * against these types with `satisfies`). Never carries image bytes: those come as content blocks.
 */
export const ZWarningOutput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('unsupported'),
    setting: z.string().describe('The request setting the model ignored, e.g. seed or negativePrompt.'),
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
  parentImageId: z.string().nullable(),
  url: z.string().nullable().describe('Path of the full image on the Atelier web server; null until completed.'),
  thumbnailUrl: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable()
});

export const ZModelOutput = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  operations: z.array(z.string()),
  sizes: z.array(z.string()).describe('The only sizes this model accepts, as WIDTHxHEIGHT.'),
  defaultSize: z.string(),
  maxImagesPerCall: z.number(),
  knobs: z.array(z.string()).describe('Optional settings the model honours; others come back as warnings.'),
  qualities: z.array(z.string()),
  styles: z.array(z.string()),
  outputFormats: z.array(z.string()).describe('File formats the model can return (outputFormat).'),
  backgrounds: z.array(z.string()).describe('Background choices the model offers (background).'),
  aspectRatios: z
    .record(z.string(), z.string())
    .describe('For models sized by aspect ratio: size → the ratio sent to the vendor.'),
  price: z.string().describe('The price rule, e.g. "$0.04 per image" or "$0.000975 per GPU-second".'),
  priceUnit: z.enum(['free', 'image', 'token', 'credit', 'second']),
  lifecycle: z.discriminatedUnion('status', [
    z.object({ status: z.literal('active') }),
    z.object({
      status: z.enum(['deprecated', 'shut_down']),
      shutdownDate: z.string(),
      replacement: z.string().optional()
    })
  ])
});

export const ZProviderOutput = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string().describe('What kind of engine this is, said plainly.'),
  defaultModel: z.string(),
  models: z.array(ZModelOutput)
});

export type TImageOutput = z.infer<typeof ZImageOutput>;
export type TWarningOutput = z.infer<typeof ZWarningOutput>;
export type TProviderOutput = z.infer<typeof ZProviderOutput>;
