import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  MAX_IMAGES_PER_REQUEST,
  MAX_PROMPT_LENGTH,
  ZGenerateInput,
  type GenerateOutcome
} from '../../src/lib/server/api';
import { registerOperationTool } from '../operation-tool';
import { progressSender } from '../progress';
import type { CallerFactory } from '../server';
import { MAX_INLINE_PREVIEWS } from '../tool-result';

const DESCRIPTION = `Creates new images from a text prompt and saves them in the user's Atelier library. Every call adds images (it never replaces one), and providers other than "local" may charge per image.
Limits: prompt 1–${MAX_PROMPT_LENGTH} characters; count 1–${MAX_IMAGES_PER_REQUEST} (default 1); size must be one of the sizes list_providers shows for the model (default: the model's defaultSize). provider and model default to the first configured provider and its default model.
The built-in "local" provider is an offline procedural renderer, not a diffusion model: it paints colour fields, light and simple scenery following the prompt's colour and mood words, but does not draw the subjects described. It is free and deterministic for a given prompt, seed, size and style.
Settings a model cannot honour (e.g. negativePrompt or steps on "local") do not fail the call: they are ignored and listed in warnings as { type: "unsupported", setting }; a deprecated or shut-down model, a translated setting or a fallback is reported as { type: "other", message }. Call estimate_cost first to see the price and warnings without generating. fallback: true lets another configured provider take over when the chosen one refuses before doing paid work.
With a seed, an identical request (same prompt, provider, model, size, settings, count and seed) you made in the last days returns those same images for free, marked cache.hit with the money saved; cache: false always makes new ones.
Returns each image's metadata (an image whose status is "failed" carries errorMessage), an inline WebP preview of the first ${MAX_INLINE_PREVIEWS} images, and a resource_link (atelier://images/<id>) to each full image.
With a progressToken the call reports progress: 0 of count once planned, then one step per image that ended. Cancelling the call (notifications/cancelled) starts no further provider call, aborts the running ones and ends the unfinished images as "canceled"; images already made are kept.`;

export function registerGenerateImageTool(server: McpServer, callerFor: CallerFactory): void {
  registerOperationTool(server, callerFor, {
    name: 'generate_image',
    title: 'Generate image',
    description: DESCRIPTION,
    input: ZGenerateInput,
    verb: 'Generated',
    estimate: 'generate',
    async run(caller, input, extra) {
      const sendProgress = progressSender(extra);
      let outcome: GenerateOutcome | undefined;
      for await (const update of await caller.images.generateWithProgress(input)) {
        if (update.type === 'progress') await sendProgress(update.event);
        else outcome = update.outcome;
      }
      if (!outcome) throw new Error('The generation ended without a result.');
      return outcome;
    }
  });
}
