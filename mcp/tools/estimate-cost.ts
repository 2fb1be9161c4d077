import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ZGenerateInput, type ApiCaller } from '$lib/server/api';
import { runTool } from '../errors';
import { ZWarningOutput } from '../output-schemas';
import { formatUsd, warningLines } from '../summaries';
import { toToolResult } from '../tool-result';

const ZEstimateOutput = z.object({
  provider: z.string(),
  model: z.string().describe('The model that would run (a shut-down model resolves to its replacement).'),
  size: z.string(),
  count: z.number(),
  calls: z.number().describe('Provider calls the request becomes.'),
  perImageUsd: z.number(),
  estimatedUsd: z.number().describe('What the budget reserves; the recorded cost comes from the provider after.'),
  price: z.object({ description: z.string(), unit: z.enum(['free', 'image', 'token', 'credit', 'second']) }),
  warnings: z.array(ZWarningOutput)
});

export function registerEstimateCostTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'estimate_cost',
    {
      title: 'Estimate generation cost',
      description:
        'Takes the same input as generate_image and answers what it would cost (the estimate the budget reserves, ' +
        'from the model’s price rule), which model and size would run, and the warnings it would get — without ' +
        'generating or spending anything. Read-only.',
      inputSchema: ZGenerateInput.shape,
      outputSchema: ZEstimateOutput.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        const estimate = await api.images.estimate(input);
        const data = estimate satisfies z.infer<typeof ZEstimateOutput>;
        const lines = [
          `${estimate.count} image${estimate.count === 1 ? '' : 's'} with ${estimate.provider}/${estimate.model} at ${estimate.size}: about ${formatUsd(estimate.estimatedUsd)} (${estimate.price.description}).`
        ];
        if (estimate.warnings.length) lines.push('Warnings:', ...warningLines(estimate.warnings));
        return toToolResult(data, lines.join('\n'));
      })
  );
}
