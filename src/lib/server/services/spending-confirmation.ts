import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import { microsToUsd } from './budgets';
import type { Deps } from './deps';
import type { Actor } from './users';

/**
 * The estimate above which a call an agent makes for `actor` must be confirmed by them first: their own
 * threshold when an admin set one, else the instance's `CONFIRM_SPEND_ABOVE_USD` (default $0.50).
 */
export async function spendingConfirmationThreshold(
  deps: Pick<Deps, 'config' | 'db'>,
  actor: Actor
): Promise<{ confirmAboveUsd: number }> {
  const [row] = await deps.db
    .select({ micros: users.confirmSpendAboveMicros })
    .from(users)
    .where(eq(users.id, actor.id));
  const own = row?.micros ?? null;
  return { confirmAboveUsd: own === null ? deps.config.confirmSpendAboveUsd : microsToUsd(own) };
}
