import type { Deps } from '../../../services/deps';
import { listHistory } from '../../../services/library';
import type { Actor } from '../../../services/users';
import type { THistoryInput } from './history.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: THistoryInput };

export function historyHandler({ ctx, input }: Options) {
  return listHistory(ctx.deps, ctx.user, input);
}
