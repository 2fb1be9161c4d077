import type { Deps } from '../../../services/deps';
import { checkHealth } from '../../../services/health';

export function healthHandler({ ctx }: { ctx: { deps: Deps } }) {
  return checkHealth(ctx.deps);
}
