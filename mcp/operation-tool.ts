import type { ApiCaller, GenerateOutcome } from '../src/lib/server/api';
import { operationSummary } from './summaries';
import { imageBlocks, toToolResult } from './tool-result';

/**
 * The answer of every image-making tool: the outcome as structuredContent, a summary opened by `verb`
 * ("Upscaled 1 of 1 image (cost $0).") and previews and links of the new images.
 */
export async function operationResult(api: ApiCaller, outcome: GenerateOutcome, verb: string) {
  return toToolResult(outcome, operationSummary(outcome, verb), await imageBlocks(api, outcome.images));
}
