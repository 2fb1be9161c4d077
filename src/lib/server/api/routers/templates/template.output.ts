import { z } from 'zod';

export const ZTemplateOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  template: z.string(),
  category: z.string().nullable(),
  variables: z.array(z.string()).describe('The {variables} of the template, in order.'),
  defaultProvider: z.string().nullable(),
  defaultModel: z.string().nullable(),
  defaultSize: z.string().nullable(),
  isPublic: z.boolean(),
  useCount: z.number(),
  builtIn: z.boolean(),
  own: z.boolean().describe('You made it, so you may change or delete it.'),
  authorName: z.string().nullable(),
  createdAt: z.string()
});

export const ZTemplateListOutput = z.object({
  templates: z.array(ZTemplateOutput).describe('By category, most used first.')
});

export const ZRenderedTemplateOutput = z.object({
  template: ZTemplateOutput,
  prompt: z.string().describe('The template with every variable filled in.'),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  size: z.string().nullable()
});
