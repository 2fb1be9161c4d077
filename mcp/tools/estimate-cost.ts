import { z } from 'zod';
import { ZEstimateInput, type ApiCaller } from '../../src/lib/server/api';
import { formatUsd, warningLines } from '../summaries';
import { defineTool, HINTS } from '../tool-definition';
import { parseToolArguments } from '../tool-input';
import { toToolResult } from '../tool-result';

const OPERATIONS = ['generate', 'edit', 'vary', 'upscale', 'restyle', 'removeBackground', 'enhance', 'analyze'] as const;
const ASSISTANT_OPERATIONS: readonly string[] = ['enhance', 'analyze'];

/** The operation and that tool's arguments, so this tool does not repeat every other tool's schema. */
const ZEstimateToolInput = z.object({
  operation: z
    .enum(OPERATIONS, { error: `operation must be one of ${OPERATIONS.join(', ')}.` })
    .default('generate')
    .describe(
      'generate_image, edit_image, create_variations (vary), upscale_image, restyle_image, remove_background, ' +
        'enhance_prompt or analyze_image.'
    ),
  arguments: z
    .record(z.string(), z.unknown(), { error: 'arguments must be an object of that tool’s arguments.' })
    .default({})
    .describe('That tool’s arguments.')
});

/** The arguments checked like the named tool checks them (aliases and unknown names included). */
function estimateInput(operation: (typeof OPERATIONS)[number], args: Record<string, unknown>) {
  const option = ZEstimateInput.options.find((candidate) => candidate.shape.operation.safeParse(operation).success)!;
  return parseToolArguments(option, { ...args, operation }) as z.output<typeof ZEstimateInput>;
}

export function estimateCostTool(api: ApiCaller) {
  return defineTool({
    name: 'estimate_cost',
    title: 'Estimate cost',
    description: 'Prices a call without running it: the model, size, estimate and warnings it would get. Spends nothing.',
    input: ZEstimateToolInput,
    scope: 'read',
    annotations: HINTS.reads,
    async run({ operation, arguments: args }) {
      const estimate = await api.images.estimate(estimateInput(operation, args));
      const what = ASSISTANT_OPERATIONS.includes(operation)
        ? `one call to ${estimate.provider}/${estimate.model}`
        : `${estimate.count} image${estimate.count === 1 ? '' : 's'} with ${estimate.provider}/${estimate.model} at ${estimate.size}`;
      const lines = [`${operation}: ${what}: about ${formatUsd(estimate.estimatedUsd)} (${estimate.price.description}).`];
      if (estimate.warnings.length) lines.push('Warnings:', ...warningLines(estimate.warnings));
      return toToolResult(estimate, lines.join('\n'));
    }
  });
}
