import { z } from 'zod';
import { ZAnalyzeInput, ZEnhanceInput, ZGenerateInput, type ApiCaller } from '../../src/lib/server/api';
import { takeConfirmation } from '../spending-confirmation';
import { formatUsd, warningLines } from '../summaries';
import { defineTool, HINTS } from '../tool-definition';
import { parseToolArguments } from '../tool-input';
import { toToolResult } from '../tool-result';
import { parseEditArguments } from './edit-image';

const TOOLS = ['generate_image', 'edit_image', 'enhance_prompt', 'analyze_image'] as const;

/** The tool and its arguments, so this tool does not repeat every other tool's schema. */
const ZEstimateToolInput = z.object({
  tool: z.enum(TOOLS, { error: `tool must be one of ${TOOLS.join(', ')}.` }).default('generate_image'),
  arguments: z
    .record(z.string(), z.unknown(), { error: 'arguments must be an object of that tool’s arguments.' })
    .default({})
    .describe('That tool’s arguments.')
});

/** The estimate procedure's input for a call of `tool`, its arguments checked as that tool checks them. */
function estimateInput(tool: (typeof TOOLS)[number], args: Record<string, unknown>) {
  switch (tool) {
    case 'generate_image':
      return { ...parseToolArguments(ZGenerateInput, takeConfirmation(args).rest), operation: 'generate' as const };
    case 'edit_image': {
      const { operation, input } = parseEditArguments(takeConfirmation(args).rest);
      return { ...input, operation: operation.estimate } as Parameters<ApiCaller['images']['estimate']>[0];
    }
    case 'enhance_prompt':
      return { ...parseToolArguments(ZEnhanceInput, args), operation: 'enhance' as const };
    case 'analyze_image':
      // The price does not depend on which image; the argument is checked all the same.
      parseToolArguments(ZAnalyzeInput.partial(), args);
      return { operation: 'analyze' as const };
  }
}

export function estimateCostTool(api: ApiCaller) {
  return defineTool({
    name: 'estimate_cost',
    description: 'Prices a call without running it: model, size, estimate, warnings. Spends nothing.',
    input: ZEstimateToolInput,
    scope: 'read',
    annotations: HINTS.reads,
    async run({ tool, arguments: args }) {
      const request = estimateInput(tool, args);
      const estimate = await api.images.estimate(request);
      const what =
        request.operation === 'enhance' || request.operation === 'analyze'
          ? `one call to ${estimate.provider}/${estimate.model}`
          : `${estimate.count} image${estimate.count === 1 ? '' : 's'} with ${estimate.provider}/${estimate.model} at ${estimate.size}`;
      const lines = [
        `${request.operation}: ${what}: about ${formatUsd(estimate.estimatedUsd)} (${estimate.price.description}).`
      ];
      if (estimate.warnings.length) lines.push('Warnings:', ...warningLines(estimate.warnings));
      return toToolResult(estimate, lines.join('\n'));
    }
  });
}
