import type { Deps } from '../../../services/deps';
import { listProviders } from '../../../services/providers';

export function listHandler({ ctx }: { ctx: { deps: Deps } }) {
  return listProviders(ctx.deps);
}
