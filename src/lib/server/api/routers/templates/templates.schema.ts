import { z } from 'zod';
import { noControlCharacters } from '../../schemas/text';
import { MAX_PROMPT_LENGTH, ZGenerateInput } from '../images/generate.schema';

const ZTemplateId = z.uuid('id must be a template id (a UUID).').describe('Template id (a UUID) from templates.list.');

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} is at most ${max} characters.`).check(noControlCharacters(label));

const { provider, model, size } = ZGenerateInput.shape;

const ZTemplateFields = {
  description: text('The description', 500).nullable().optional(),
  category: text('The category', 60).nullable().optional().describe('Groups templates in the list, e.g. "Design".'),
  isPublic: z.boolean().optional().describe('true: every user can see and use it (only you can change it).'),
  defaultProvider: provider.nullable(),
  defaultModel: model.nullable(),
  defaultSize: size.nullable()
};

const ZName = text('The name', 80).min(1, 'Give the template a name.');

const ZTemplateText = text('The template', MAX_PROMPT_LENGTH)
  .min(1, 'Write the template: a prompt with {variables} in braces.')
  .describe('A prompt with {variables} in braces, e.g. "a {subject} in {place}"; the variables are read from it.');

export const ZTemplateIdInput = z.object({ id: ZTemplateId });

export const ZCreateTemplateInput = z.object({ name: ZName, template: ZTemplateText, ...ZTemplateFields });

export const ZUpdateTemplateInput = z.object({
  id: ZTemplateId.describe('One of your own templates.'),
  name: ZName.optional(),
  template: ZTemplateText.optional(),
  ...ZTemplateFields
});

export const ZRenderTemplateInput = z.object({
  id: ZTemplateId,
  variables: z
    .record(z.string().max(100), text('A variable value', 1000))
    .default({})
    .describe('A value for each of the template\'s variables, e.g. { "subject": "a red fox" }.')
});

export type TTemplateIdInput = z.infer<typeof ZTemplateIdInput>;
export type TCreateTemplateInput = z.infer<typeof ZCreateTemplateInput>;
export type TUpdateTemplateInput = z.infer<typeof ZUpdateTemplateInput>;
export type TRenderTemplateInput = z.infer<typeof ZRenderTemplateInput>;
