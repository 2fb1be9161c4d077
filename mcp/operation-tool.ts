import type { z } from 'zod';
import type { ApiCaller, GenerateOutcome } from '../src/lib/server/api';
import type { ToolExtra } from './progress';
import type { CallerFactory } from './server';
import { operationSummary } from './summaries';
import { defineTool, HINTS, type AtelierTool } from './tool-definition';
import { imageBlocks, toToolResult } from './tool-result';

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

/**
 * A tool that makes images through one procedure and answers like generate_image. It adds new images and
 * changes none (an edit's source included); providers other than `local` are outside services that may charge.
 */
export function operationTool<Input extends z.ZodObject>(callerFor: CallerFactory, tool: OperationTool<Input>): AtelierTool {
  const api = callerFor();
  return defineTool({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    input: tool.input,
    scope: 'generate',
    annotations: HINTS.makesImages,
    async run(input, extra) {
      const outcome = await tool.run(callerFor({ signal: extra.signal }), input, extra);
      return toToolResult(outcome, operationSummary(outcome, tool.verb), await imageBlocks(api, outcome.images));
    }
  });
}
