import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZEstimateOutput, ZGenerateInput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { formatUsd, warningLines } from '../summaries';
import { toToolResult } from '../tool-result';

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
        const lines = [
          `${estimate.count} image${estimate.count === 1 ? '' : 's'} with ${estimate.provider}/${estimate.model} at ${estimate.size}: about ${formatUsd(estimate.estimatedUsd)} (${estimate.price.description}).`
        ];
        if (estimate.warnings.length) lines.push('Warnings:', ...warningLines(estimate.warnings));
        return toToolResult(estimate, lines.join('\n'));
      })
  );
}
