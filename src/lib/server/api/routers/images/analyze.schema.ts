import { z } from 'zod';
import type { ImageAnalysis } from '../../../db/schema';
import { ZImageReference } from './edit.schema';

export const ZAnalyzeInput = z.object({
  image: ZImageReference
});

export const ZPaletteColour = z.object({
  hex: z.string().describe('#rrggbb'),
  share: z.number().describe('Fraction of the image, 0–1.'),
  name: z.string().nullable().describe('A colour name such as "crimson", when known.')
});

export const ZPixelMetrics = z.object({
  width: z.number(),
  height: z.number(),
  aspectRatio: z.string(),
  brightness: z.number().describe('0 black – 1 white.'),
  contrast: z.number().describe('0 flat – 1 extreme.'),
  sharpness: z.number().describe('Higher is sharper; compare images, not absolute values.'),
  nsfwScore: z.number().nullable().describe('0–1 from the local classifier when it ran, else null.')
});

export const ZImageAnalysis = z.object({
  source: z.enum(['claude', 'local']).describe('claude (vision), or local: statistics of the pixels (no API key set).'),
  model: z.string().nullable(),
  analyzedAt: z.string(),
  description: z.string(),
  subjects: z.array(z.string()),
  style: z.string().nullable(),
  palette: z.array(ZPaletteColour).describe('Dominant colours, largest first.'),
  composition: z.string().nullable(),
  qualityIssues: z.array(z.string()),
  recreatePrompt: z.string().nullable().describe('A prompt that would make a similar image.'),
  tags: z.array(z.string()),
  metrics: ZPixelMetrics.nullable().describe('Measured from the pixels (local analysis); null for Claude’s answer.')
}) satisfies z.ZodType<ImageAnalysis>;

export const ZAnalyzeOutput = z.object({
  imageId: z.string().nullable().describe('The library image the analysis was saved with; null for an outside image.'),
  analysis: ZImageAnalysis,
  costUsd: z.number()
});

export type TAnalyzeInput = z.infer<typeof ZAnalyzeInput>;
export type AnalyzeOutput = z.infer<typeof ZAnalyzeOutput>;
