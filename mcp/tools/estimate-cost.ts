import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ZEstimateInput, ZEstimateOutput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { formatUsd, warningLines } from '../summaries';
import { toToolResult } from '../tool-result';

const OPERATIONS = [
  'generate',
  'edit',
  'vary',
  'upscale',
  'restyle',
  'removeBackground',
  'enhance',
  'analyze'
] as const;
const ASSISTANT_OPERATIONS: readonly string[] = ['enhance', 'analyze'];

/**
 * The estimate procedure's input as one object, since an MCP input schema cannot be a union: every
 * operation's fields, all optional and without defaults (a default of one operation, such as vary's
 * strength, must not reach another); the procedure checks the combination and applies the defaults. A
 * field several operations share keeps the last one's description (generate's), strength one of its own.
 */
const inputShape = {
  ...Object.fromEntries(
    ZEstimateInput.options.flatMap((option) =>
      Object.entries(option.shape).map(([field, schema]) => {
        const inner = schema instanceof z.ZodDefault ? schema.unwrap() : schema;
        return [field, inner.optional().describe(schema.description ?? '')];
      })
    )
  ),
  strength: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('0–1, for edit, vary, upscale and restyle: see that tool (vary’s default is 0.5).'),
  operation: z
    .enum(OPERATIONS)
    .optional()
    .describe(
      'What to price: generate (default; generate_image), edit (edit_image), vary (create_variations), upscale ' +
        '(upscale_image), restyle (restyle_image), removeBackground (remove_background), enhance (enhance_prompt) or ' +
        'analyze (an image analysis). The other fields are that tool’s.'
    )
};

export function registerEstimateCostTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'estimate_cost',
    {
      title: 'Estimate cost',
      description:
        'Prices a call to any image-making tool, a prompt enhancement or an image analysis without running it: pass ' +
        'operation and that tool’s arguments. ' +
        'Answers the estimate the budget reserves (from the model’s price rule), which model and size would run, ' +
        'and the warnings it would get. Reads an edit’s image but stores and spends nothing. Read-only.',
      inputSchema: inputShape,
      outputSchema: ZEstimateOutput.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        // The procedure validates the input against its union.
        const estimate = await api.images.estimate(input as z.input<typeof ZEstimateInput>);
        const operation = input.operation ?? 'generate';
        const what = ASSISTANT_OPERATIONS.includes(operation)
          ? `one call to ${estimate.provider}/${estimate.model}`
          : `${estimate.count} image${estimate.count === 1 ? '' : 's'} with ${estimate.provider}/${estimate.model} at ${estimate.size}`;
        const lines = [
          `${operation}: ${what}: about ${formatUsd(estimate.estimatedUsd)} (${estimate.price.description}).`
        ];
        if (estimate.warnings.length) lines.push('Warnings:', ...warningLines(estimate.warnings));
        return toToolResult(estimate, lines.join('\n'));
      })
  );
}
