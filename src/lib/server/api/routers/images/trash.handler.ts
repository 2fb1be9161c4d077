import type { Deps } from '../../../services/deps';
import { emptyTrash, purgeImages, restoreImages, trashImages } from '../../../services/library';
import type { Actor } from '../../../services/users';
import type { TImageIdsInput } from './trash.schema';

type Ctx = { deps: Deps; user: Actor };
type Options = { ctx: Ctx; input: TImageIdsInput };

export const trashHandlers = {
  delete: ({ ctx, input }: Options) => trashImages(ctx.deps, ctx.user, input.ids),
  restore: ({ ctx, input }: Options) => restoreImages(ctx.deps, ctx.user, input.ids),
  purge: ({ ctx, input }: Options) => purgeImages(ctx.deps, ctx.user, input.ids),
  emptyTrash: ({ ctx }: { ctx: Ctx }) => emptyTrash(ctx.deps, ctx.user)
};
