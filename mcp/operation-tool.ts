import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { z } from 'zod';
import { ZGenerateOutput, type ApiCaller, type GenerateOutcome } from '../src/lib/server/api';
import { runTool } from './errors';
import type { ToolExtra } from './progress';
import type { CallerFactory } from './server';
import { confirmSpending, ZConfirmCostUsd, type EstimateOperation } from './spending-confirmation';
import { operationSummary } from './summaries';
import { imageBlocks, MAX_INLINE_PREVIEWS, toToolResult } from './tool-result';

/**
 * Every image-making tool adds new images and changes none (an edit's source included); providers other
 * than `local` are outside services that may charge.
 */
const MAKES_IMAGES = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

/** What the `image` field's own description leaves out, for every editing tool. */
export const IMAGE_INPUT_HELP =
  "image: atelier://images/<id>, an id or url from this library (another user's image answers not_found), a data: " +
  'URL, base64, or a public http(s) URL. The source is never changed: each result is a new image whose ' +
  'parentImageId names it.';

export const RESULT_HELP =
  'Returns the new images (status, parentImageId, editType, costUsd; errorMessage when failed), WebP previews of ' +
  `the first ${MAX_INLINE_PREVIEWS} and a resource_link to each.`;

export type OperationTool<Input extends z.ZodObject> = {
  name: string;
  title: string;
  description: string;
  input: Input;
  /** Opens the summary: "Upscaled 1 of 1 image (cost $0)." */
  verb: string;
  /** How `images.estimate` prices the call, for the spending confirmation. */
  estimate: EstimateOperation;
  /** Runs the procedure through `caller`, which is bound to the call's cancel signal. */
  run(caller: ApiCaller, input: z.output<Input>, extra: ToolExtra): Promise<GenerateOutcome>;
};

/** The answer of a call the person did not confirm: no images, and why in the text. */
const NOTHING_MADE = { images: [], warnings: [], cache: { hit: false, savedUsd: 0 } };

/**
 * Registers a tool that makes images through one procedure and answers like generate_image. Every call is
 * priced first and one above the spending confirmation threshold is confirmed (or refused) before it runs.
 */
export function registerOperationTool<Input extends z.ZodObject>(
  server: McpServer,
  callerFor: CallerFactory,
  tool: OperationTool<Input>
): void {
  const api = callerFor();
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: { ...tool.input.shape, confirmCostUsd: ZConfirmCostUsd },
      outputSchema: ZGenerateOutput.shape,
      annotations: MAKES_IMAGES
    },
    (input, extra) =>
      runTool(async () => {
        const { confirmCostUsd, ...request } = input as z.output<Input> & { confirmCostUsd?: number };
        const spending = await confirmSpending(
          server,
          api,
          { ...request, operation: tool.estimate },
          confirmCostUsd,
          extra
        );
        if (!spending.go) return toToolResult(NOTHING_MADE, spending.reason);
        const outcome = await tool.run(callerFor({ signal: extra.signal }), request as z.output<Input>, extra);
        return toToolResult(outcome, operationSummary(outcome, tool.verb), await imageBlocks(api, outcome.images));
      })
  );
}
