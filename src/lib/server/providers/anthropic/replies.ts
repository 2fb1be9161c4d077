import { z } from 'zod';
import { fitPromptToLength, type AnalysisResult, type EnhanceResult, type PromptTarget } from '../assistant';

/**
 * What Claude must answer through each forced tool, checked with zod after the call whatever `strict`
 * promised: one schema per tool, sent as its `input_schema` without the constraints strict tools refuse
 * (lengths, counts, patterns) and applied in full to the answer.
 */

const MAX_TAGS = 12;
const MAX_SUGGESTIONS = 4;
const MAX_PALETTE = 8;

export const ZEnhanceReply = z.object({
  enhancedPrompt: z.string().trim().min(1).describe('The improved prompt, within the stated character limit.'),
  suggestions: z
    .array(z.string().trim().min(1))
    .min(2)
    .describe('2 to 4 short alternative directions, each a complete prompt.'),
  tags: z.array(z.string()).describe('3 to 8 lowercase words or short phrases naming what the image shows.'),
  negativePrompt: z
    .string()
    .nullable()
    .describe('What to keep out of the image; null when the model takes no negative prompt or nothing needs excluding.')
});

export const ZAnalysisReply = z.object({
  description: z.string().trim().min(1).describe('Two or three sentences on what the image shows.'),
  subjects: z.array(z.string()).describe('The main subjects, most important first.'),
  style: z.string().nullable().describe('The visual style or medium, e.g. "watercolour" or "product photo".'),
  palette: z
    .array(
      z.object({
        hex: z
          .string()
          .regex(/^#?[0-9a-f]{6}$/i)
          .describe('#rrggbb'),
        share: z.number().min(0).max(1).describe('Fraction of the image, 0 to 1.'),
        name: z.string().nullable().describe('A common colour name.')
      })
    )
    .describe('3 to 6 dominant colours, largest first.'),
  composition: z.string().nullable().describe('Framing, viewpoint, balance, focal point.'),
  qualityIssues: z
    .array(z.string())
    .describe('Visible defects (artifacts, blur, bad hands, garbled text); empty if none.'),
  recreatePrompt: z.string().nullable().describe('A text-to-image prompt that would make a similar image.'),
  tags: z.array(z.string()).describe('5 to 10 lowercase search tags.')
});

const REFUSED_BY_STRICT_TOOLS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'minimum', 'maximum'];

/** The JSON schema of a tool's input as strict tool use accepts it. */
export function toolInputSchema(schema: z.ZodObject): { type: 'object'; [key: string]: unknown } {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    override: ({ jsonSchema }) => {
      for (const keyword of REFUSED_BY_STRICT_TOOLS) delete (jsonSchema as Record<string, unknown>)[keyword];
    }
  });
  return { ...json, type: 'object' };
}

function cleanTags(tags: string[]): string[] {
  const cleaned = tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== '');
  return [...new Set(cleaned)].slice(0, MAX_TAGS);
}

export function enhanceResult(reply: z.infer<typeof ZEnhanceReply>, target: PromptTarget): EnhanceResult {
  const negative = reply.negativePrompt?.trim();
  return {
    enhancedPrompt: fitPromptToLength(reply.enhancedPrompt, target.maxPromptLength),
    suggestions: reply.suggestions
      .slice(0, MAX_SUGGESTIONS)
      .map((suggestion) => fitPromptToLength(suggestion, target.maxPromptLength)),
    tags: cleanTags(reply.tags),
    negativePrompt: target.negativePrompt && negative ? negative : null
  };
}

export function analysisResult(reply: z.infer<typeof ZAnalysisReply>): AnalysisResult {
  const palette = reply.palette
    .map((colour) => ({
      hex: `#${colour.hex.replace(/^#/, '').toLowerCase()}`,
      share: colour.share,
      name: colour.name?.trim() || null
    }))
    .sort((a, b) => b.share - a.share)
    .slice(0, MAX_PALETTE);
  return { ...reply, palette, tags: cleanTags(reply.tags) };
}
