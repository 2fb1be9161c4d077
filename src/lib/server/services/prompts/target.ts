import type { PromptTarget } from '../../providers/assistant';
import type { ResolvedModel } from '../../providers/registry';
import { MAX_PROMPT_LENGTH } from '../../providers/types';

/**
 * What the resolved model can take, for the enhancer: a prompt within both its own length and the one
 * every door takes, a negative prompt only where it honours one, and lettering only where it draws it.
 */
export function promptTarget({ provider, model }: ResolvedModel): PromptTarget {
  return {
    provider: provider.id,
    model: model.id,
    label: model.label,
    maxPromptLength: Math.min(model.maxPromptLength ?? MAX_PROMPT_LENGTH, MAX_PROMPT_LENGTH),
    negativePrompt: model.knobs.includes('negativePrompt'),
    textRendering: model.textRendering,
    description: model.description
  };
}
