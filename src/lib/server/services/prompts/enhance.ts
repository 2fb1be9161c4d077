import type { EnhanceRequest, EnhanceResult, PromptTarget } from '../../providers/assistant';
import { runAssistantCall, type AssistantCall } from '../assistant-calls';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { enhanceLocally } from './local-enhancer';
import { promptTarget } from './target';

export type EnhancePromptOrder = { prompt: string; negativePrompt?: string; provider?: string; model?: string };

export type EnhancedPrompt = EnhanceResult & {
  source: 'claude' | 'local';
  /** The Claude model that answered; null for the local enhancer. */
  model: string | null;
  costUsd: number;
  target: PromptTarget;
};

/** Claude's answer held to the target like the local one: within its length, a negative prompt only where it takes one. */
function fitToTarget(result: EnhanceResult, target: PromptTarget): EnhanceResult {
  return {
    ...result,
    enhancedPrompt: result.enhancedPrompt.slice(0, target.maxPromptLength),
    suggestions: result.suggestions.map((suggestion) => suggestion.slice(0, target.maxPromptLength)),
    negativePrompt: target.negativePrompt ? result.negativePrompt : null
  };
}

function enhanceCall(deps: Pick<Deps, 'assistant'>, request: EnhanceRequest): AssistantCall<EnhanceResult> {
  const { assistant } = deps;
  if (!assistant) {
    return {
      operation: 'enhance',
      source: 'local',
      estimateUsd: 0,
      run: () =>
        Promise.resolve({
          result: enhanceLocally(request),
          model: null,
          usage: { inputTokens: 0, outputTokens: 0 },
          costUsd: 0
        })
    };
  }
  return {
    operation: 'enhance',
    source: 'claude',
    estimateUsd: assistant.estimateUsd('enhance', { promptLength: request.prompt.length }),
    run: async () => {
      const answer = await assistant.enhancePrompt(request);
      return { ...answer, result: fitToTarget(answer.result, request.target) };
    }
  };
}

/**
 * Rewrites a prompt for the model it is meant for (resolved like a generation: the first provider and its
 * default model unless named): Claude when configured, else the local rules. Paid like an image: Claude's
 * estimate is reserved against the budgets first, and every call is recorded in `assistant_calls`.
 */
export async function enhancePrompt(
  deps: Pick<Deps, 'db' | 'clock' | 'log' | 'config' | 'providers' | 'assistant'>,
  actor: Actor,
  order: EnhancePromptOrder
): Promise<EnhancedPrompt> {
  const target = promptTarget(deps.providers.resolve(order.provider, order.model));
  const call = enhanceCall(deps, { prompt: order.prompt, negativePrompt: order.negativePrompt, target });
  const answer = await runAssistantCall(deps, actor, call);
  return {
    ...answer.result,
    source: call.source === 'claude' ? 'claude' : 'local',
    model: answer.model,
    costUsd: answer.costUsd,
    target
  };
}
