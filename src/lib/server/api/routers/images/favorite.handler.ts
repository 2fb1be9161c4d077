import type { Deps } from '../../../services/deps';
import { setFavorite } from '../../../services/library';
import type { Actor } from '../../../services/users';
import type { TFavoriteInput } from './trash.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TFavoriteInput };

export function favoriteHandler({ ctx, input }: Options) {
  return setFavorite(ctx.deps, ctx.user, input.ids, input.favorite);
}
