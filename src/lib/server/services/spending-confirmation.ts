import type { Deps } from './deps';

/**
 * The estimate above which a call an agent makes must be confirmed by the person first: the instance's
 * `CONFIRM_SPEND_ABOVE_USD` (default $0.50), the same for every user for now.
 */
export function spendingConfirmationThreshold(deps: Pick<Deps, 'config'>): { confirmAboveUsd: number } {
  return { confirmAboveUsd: deps.config.confirmSpendAboveUsd };
}
