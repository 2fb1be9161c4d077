import { z } from 'zod';

export const ZPresetSettingsOutput = z.object({
  size: z.string().optional(),
  quality: z.string().optional(),
  style: z.string().optional(),
  negativePrompt: z.string().optional(),
  steps: z.number().optional(),
  cfgScale: z.number().optional()
});

export const ZPresetOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  settings: ZPresetSettingsOutput,
  promptPrefix: z.string().nullable(),
  promptSuffix: z.string().nullable(),
  previewUrl: z
    .string()
    .nullable()
    .describe("Preview picture; a built-in's preview was drawn by the offline procedural renderer."),
  previewImageId: z.string().nullable(),
  builtIn: z.boolean().describe('Shipped with Atelier, shared by everyone; editing it saves your own copy.'),
  builtInKey: z.string().nullable(),
  basedOnId: z.string().nullable().describe('The built-in this copy replaces; deleting the copy brings it back.'),
  useCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string()
});

export const ZPresetListOutput = z.object({ presets: z.array(ZPresetOutput) });

export const ZPresetDeleteOutput = z.object({
  id: z.string(),
  restoredBuiltInId: z.string().nullable().describe('The built-in that shows again now that its copy is gone.')
});

export const ZAppliedPresetOutput = z.object({
  preset: ZPresetOutput,
  prompt: z.string().describe('The prompt with the preset’s prefix and suffix.'),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  settings: ZPresetSettingsOutput
});
