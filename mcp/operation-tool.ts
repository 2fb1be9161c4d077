import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { z } from 'zod';
import { ZGenerateOutput, type ApiCaller, type GenerateOutcome } from '../src/lib/server/api';
import { runTool } from './errors';
import type { ToolExtra } from './progress';
import type { CallerFactory } from './server';
import { operationSummary } from './summaries';
import { imageBlocks, MAX_INLINE_PREVIEWS, toToolResult } from './tool-result';

/**
 * Every image-making tool adds new images and changes none (an edit's source included); providers other
 * than `local` are outside services that may charge.
 */
const MAKES_IMAGES = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

/** What an agent needs to know about the `image` argument of every editing tool. */
export const IMAGE_INPUT_HELP =
  'image (and mask, styleImage) accept: atelier://images/<id>, an image id, or the url Atelier returned for an image ' +
  "(the user's own library; another user's image answers not_found); a data:image/…;base64 URL or bare base64; or an " +
  'http(s) URL the server downloads (public hosts only, size, time and redirects capped). An image not yet in the ' +
  'library is first stored as an upload. The source is never changed: every result is a new image whose ' +
  'parentImageId names its source.';

export const RESULT_HELP =
  "Returns each new image's metadata (status, parentImageId, editType, cost; a failed image carries errorMessage), " +
  `an inline WebP preview of the first ${MAX_INLINE_PREVIEWS} and a resource_link (atelier://images/<id>) to each.`;

export type OperationTool<Input extends z.ZodObject> = {
  name: string;
  title: string;
  description: string;
  input: Input;
  /** Opens the summary: "Upscaled 1 of 1 image (cost $0)." */
  verb: string;
  /** Runs the procedure through `caller`, which is bound to the call's cancel signal. */
  run(caller: ApiCaller, input: z.output<Input>, extra: ToolExtra): Promise<GenerateOutcome>;
};

/** Registers a tool that makes images through one procedure and answers like generate_image. */
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
      inputSchema: tool.input.shape,
      outputSchema: ZGenerateOutput.shape,
      annotations: MAKES_IMAGES
    },
    (input, extra) =>
      runTool(async () => {
        const outcome = await tool.run(callerFor({ signal: extra.signal }), input as z.output<Input>, extra);
        return toToolResult(outcome, operationSummary(outcome, tool.verb), await imageBlocks(api, outcome.images));
      })
  );
}
