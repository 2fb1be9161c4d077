import type { Deps } from '../../../services/deps';
import { getLineage } from '../../../services/library';
import type { Actor } from '../../../services/users';
import type { TImageIdInput } from './get.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TImageIdInput };

export function lineageHandler({ ctx, input }: Options) {
  return getLineage(ctx.deps, ctx.user, input.id);
}
