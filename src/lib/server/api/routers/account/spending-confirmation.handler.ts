import type { Deps } from '../../../services/deps';
import { spendingConfirmationThreshold } from '../../../services/spending-confirmation';
import type { Actor } from '../../../services/users';

export function spendingConfirmationHandler({ ctx }: { ctx: { deps: Deps; user: Actor } }) {
  return spendingConfirmationThreshold(ctx.deps, ctx.user);
}
