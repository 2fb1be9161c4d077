import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZEnhanceInput, ZEnhanceOutput, type ApiCaller, type EnhanceOutput } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { formatUsd } from '../summaries';
import { toToolResult } from '../tool-result';

function summary(answer: EnhanceOutput): string {
  const by = answer.source === 'claude' ? `Claude (${answer.model}, ${formatUsd(answer.costUsd)})` : 'the local rules';
  const lines = [
    `Enhanced by ${by} for ${answer.target.provider}/${answer.target.model} (up to ${answer.target.maxPromptLength} characters):`,
    answer.enhancedPrompt
  ];
  if (answer.negativePrompt) lines.push(`Negative prompt: ${answer.negativePrompt}`);
  if (answer.suggestions.length) lines.push('Other directions:', ...answer.suggestions.map((text) => `- ${text}`));
  if (answer.tags.length) lines.push(`Tags: ${answer.tags.join(', ')}`);
  return lines.join('\n');
}

export function registerEnhancePromptTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'enhance_prompt',
    {
      title: 'Enhance prompt',
      description:
        'Rewrites an image prompt for the model it is meant for (provider and model as in generate_image; default: ' +
        'the default model): more precise subject, style, lighting and composition, within that model’s prompt ' +
        'length, with 2–4 alternative directions, tags, and a negative prompt only for models that take one. ' +
        'Claude writes it when the server has an Anthropic key (priced like estimate_cost says, counted against ' +
        'budgets); otherwise built-in rules do, for free (source: local). Counts as one image of the per-minute ' +
        'limit. Makes no image: pass enhancedPrompt to generate_image.',
      inputSchema: ZEnhanceInput.shape,
      outputSchema: ZEnhanceOutput.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true }
    },
    (input) =>
      runTool(async () => {
        const answer = await api.prompts.enhance(input);
        return toToolResult(answer, summary(answer));
      })
  );
}
