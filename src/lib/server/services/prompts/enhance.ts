import type { EnhanceRequest, EnhanceResult, PromptTarget } from '../../providers/assistant';
import { runAssistantCall, type AssistantCall } from '../assistant-calls';
import type { Deps } from '../deps';
import { checkPrompt } from '../safety';
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
    run: () => assistant.enhancePrompt(request)
  };
}

/**
 * Rewrites a prompt for the model it is meant for (resolved like a generation: the first provider and its
 * default model unless named): Claude when configured (its adapter fits the answer to the target), else the
 * local rules. The prompt is checked like a generation's first (it is about to be sent to a paid model); paid
 * like an image: Claude's estimate is reserved against the budgets first, and every call is recorded in
 * `assistant_calls`.
 */
export async function enhancePrompt(
  deps: Pick<Deps, 'db' | 'clock' | 'log' | 'config' | 'providers' | 'assistant'>,
  actor: Actor,
  order: EnhancePromptOrder
): Promise<EnhancedPrompt> {
  const target = promptTarget(deps.providers.resolve(order.provider, order.model));
  await checkPrompt(deps, actor, order.prompt);
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
