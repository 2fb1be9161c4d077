import { cancelGeneration } from '../../../services/generation';
import type { Deps } from '../../../services/deps';
import type { Actor } from '../../../services/users';
import type { TImageIdInput } from './get.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TImageIdInput };

export function cancelHandler({ ctx, input }: Options) {
  return cancelGeneration(ctx.deps, ctx.user, input.id);
}
