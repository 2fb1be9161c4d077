import { ZEnhanceInput, type ApiCaller, type EnhanceOutput } from '../../src/lib/server/api';
import { formatUsd } from '../summaries';
import { defineTool, HINTS } from '../tool-definition';
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

export function enhancePromptTool(api: ApiCaller) {
  return defineTool({
    name: 'enhance_prompt',
    description:
      'Rewrites a prompt for its model, with alternatives and tags. Claude if configured (may cost), else free rules.',
    input: ZEnhanceInput,
    scope: 'generate',
    annotations: HINTS.adds,
    async run(input) {
      const answer = await api.prompts.enhance(input);
      return toToolResult(answer, summary(answer));
    }
  });
}
