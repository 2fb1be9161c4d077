import { z } from 'zod';
import { ZGenerateInput } from '../images/generate.schema';

const { prompt, negativePrompt, provider, model } = ZGenerateInput.shape;

export const ZEnhanceInput = z.object({
  prompt,
  negativePrompt,
  provider,
  model
});

export const ZEnhanceOutput = z.object({
  enhancedPrompt: z.string().describe('The improved prompt, within the target model’s prompt length.'),
  suggestions: z.array(z.string()).describe('2–4 alternative directions.'),
  tags: z.array(z.string()),
  negativePrompt: z
    .string()
    .nullable()
    .describe('What to keep out of the image, when the target model takes a negative prompt; else null.'),
  source: z.enum(['claude', 'local']).describe('claude, or local: the built-in rule-based enhancer (no API key set).'),
  model: z.string().nullable().describe('The Claude model that answered; null for the local enhancer.'),
  costUsd: z.number(),
  target: z
    .object({ provider: z.string(), model: z.string(), maxPromptLength: z.number() })
    .describe('The image model the prompt was written for, and the longest prompt it takes.')
});

export type TEnhanceInput = z.infer<typeof ZEnhanceInput>;
export type EnhanceOutput = z.infer<typeof ZEnhanceOutput>;
