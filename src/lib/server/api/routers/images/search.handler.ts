import type { Deps } from '../../../services/deps';
import { searchLibrary } from '../../../services/library';
import type { Actor } from '../../../services/users';
import type { TSearchInput } from './search.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TSearchInput };

export function searchHandler({ ctx, input }: Options) {
  return searchLibrary(ctx.deps, ctx.user, input);
}
