import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller, GenerateOutcome } from '../src/lib/server/api';
import type { ToolExtra } from './progress';
import { confirmSpending, type EstimateOperation } from './spending-confirmation';
import { operationSummary } from './summaries';
import { imageBlocks, toToolResult } from './tool-result';

/** One call of an image-making tool, its arguments already checked. */
export type ImageOperation = {
  /** The call as `images.estimate` prices it. */
  priced: { operation: EstimateOperation } & Record<string, unknown>;
  /** The dollars the user agreed to spend (`confirmCostUsd`). */
  confirmedUsd: number | undefined;
  /** Opens the summary: "Upscaled 1 of 1 image (cost $0)." */
  verb: string;
  run(): Promise<GenerateOutcome>;
};

/** The answer of a call the person did not confirm: no images, and why in the text. */
const NOTHING_MADE = { images: [], warnings: [], cache: { hit: false, savedUsd: 0 } };

/**
 * Every image-making call: priced first and, above the user's spending confirmation threshold, confirmed
 * (or refused) before anything runs; then answered with the outcome as structuredContent, a summary opened
 * by the verb, and previews and links of the new images.
 */
export async function runImageOperation(
  server: McpServer,
  api: ApiCaller,
  operation: ImageOperation,
  extra: ToolExtra
): Promise<CallToolResult> {
  const spending = await confirmSpending(server, api, operation.priced, operation.confirmedUsd, extra);
  if (!spending.go) return toToolResult(NOTHING_MADE, spending.reason);
  const outcome = await operation.run();
  return toToolResult(outcome, operationSummary(outcome, operation.verb), await imageBlocks(api, outcome.images));
}
