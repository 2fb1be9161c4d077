import { z } from 'zod';
import { noControlCharacters } from '../../schemas/text';
import { MAX_PROMPT_LENGTH, ZGenerateInput } from '../images/generate.schema';

const ZPresetId = z.uuid('id must be a preset id (a UUID).').describe('Preset id (a UUID) from presets.list.');

const ZName = z
  .string()
  .trim()
  .min(1, 'Give the preset a name.')
  .max(80, 'Preset names are at most 80 characters.')
  .check(noControlCharacters('The name'));

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} is at most ${max} characters.`).check(noControlCharacters(label));

const { provider, model, size, quality, style, negativePrompt, steps, cfgScale } = ZGenerateInput.shape;

/** The knobs a preset sets, checked as `images.generate` checks them. */
export const ZPresetSettings = z
  .object({ size, quality, style, negativePrompt, steps, cfgScale })
  .describe('Knobs the preset sets; a model that lacks one ignores it with a warning.');

const ZPresetFields = {
  description: text('The description', 500).nullable().optional(),
  provider: provider.nullable().describe('Provider the preset picks; null leaves the current one.'),
  model: model.nullable().describe('Model the preset picks; null leaves the current one.'),
  settings: ZPresetSettings.optional(),
  promptPrefix: text('The prompt prefix', 500).nullable().optional().describe('Put before the prompt.'),
  promptSuffix: text('The prompt suffix', 500).nullable().optional().describe('Put after the prompt.')
};

export const ZPresetIdInput = z.object({ id: ZPresetId });

export const ZCreatePresetInput = z.object({ name: ZName, ...ZPresetFields });

export const ZUpdatePresetInput = z.object({
  id: ZPresetId.describe('One of your presets, or a built-in (editing a built-in saves your own copy).'),
  name: ZName.optional(),
  ...ZPresetFields
});

export const ZPresetFromImageInput = z.object({
  imageId: z.uuid('imageId must be an image id (a UUID).').describe('One of your completed generated images.'),
  name: ZName
});

export const ZApplyPresetInput = z.object({
  id: ZPresetId,
  prompt: z
    .string()
    .trim()
    .max(MAX_PROMPT_LENGTH, `Prompts are limited to ${MAX_PROMPT_LENGTH} characters; shorten it.`)
    .check(noControlCharacters('The prompt'))
    .default('')
    .describe("The prompt to put between the preset's prefix and suffix.")
});

export type TPresetIdInput = z.infer<typeof ZPresetIdInput>;
export type TCreatePresetInput = z.infer<typeof ZCreatePresetInput>;
export type TUpdatePresetInput = z.infer<typeof ZUpdatePresetInput>;
export type TPresetFromImageInput = z.infer<typeof ZPresetFromImageInput>;
export type TApplyPresetInput = z.infer<typeof ZApplyPresetInput>;
