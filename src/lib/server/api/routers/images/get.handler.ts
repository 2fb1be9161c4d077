import type { Deps } from '../../../services/deps';
import { getImage } from '../../../services/library';
import type { Actor } from '../../../services/users';
import type { TImageIdInput } from './get.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TImageIdInput };

export function getHandler({ ctx, input }: Options) {
  return getImage(ctx.deps, ctx.user, input.id);
}
