import type { Deps } from '../../../services/deps';
import { spendingConfirmationThreshold } from '../../../services/spending-confirmation';

export function spendingConfirmationHandler({ ctx }: { ctx: { deps: Deps } }) {
  return spendingConfirmationThreshold(ctx.deps);
}
