import { planImageArchive } from '../../../services/archives';
import type { Deps } from '../../../services/deps';
import type { Actor } from '../../../services/users';
import type { TImageIdsInput } from './trash.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TImageIdsInput };

/** What `POST /api/images/archive` packs for these ids (names and sizes), refused as a whole like it. */
export function archiveHandler({ ctx, input }: Options) {
  return planImageArchive(ctx.deps, ctx.user, input.ids);
}
