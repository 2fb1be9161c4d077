import type { Deps } from '../../../services/deps';
import { listProviders } from '../../../services/providers';
import type { Actor } from '../../../services/users';

export function listHandler({ ctx }: { ctx: { deps: Deps; user: Actor } }) {
  return listProviders(ctx.deps, ctx.user.policy);
}
