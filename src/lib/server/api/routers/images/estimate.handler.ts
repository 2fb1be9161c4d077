import type { Deps } from '../../../services/deps';
import { estimateGeneration } from '../../../services/generation';
import type { Actor } from '../../../services/users';
import type { TGenerateInput } from './generate.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TGenerateInput };

export function estimateHandler({ ctx, input }: Options) {
  return estimateGeneration(ctx.deps, ctx.user, input);
}
