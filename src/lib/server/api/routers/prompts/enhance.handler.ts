import type { Deps } from '../../../services/deps';
import { enhancePrompt } from '../../../services/prompts';
import type { Actor } from '../../../services/users';
import type { EnhanceOutput, TEnhanceInput } from './enhance.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TEnhanceInput };

export async function enhanceHandler({ ctx, input }: Options): Promise<EnhanceOutput> {
  const { target, ...enhanced } = await enhancePrompt(ctx.deps, ctx.user, input);
  return {
    ...enhanced,
    target: { provider: target.provider, model: target.model, maxPromptLength: target.maxPromptLength }
  };
}
