import type { ApiKeyScope, UserRole } from '../db/schema';
import { getBudgetStatus, microsToUsd } from './budgets';
import type { Deps } from './deps';
import { savedByCache } from './generation';
import type { Actor, UserPolicy } from './users';

export type AccountSummary = {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  scopes: readonly ApiKeyScope[];
  authMethod: string | null;
  policy: UserPolicy;
  /**
   * Today's spend (UTC day) against the tighter of the user's and the instance's daily budget, and what the
   * cache saved today (requests answered with an identical earlier request's images).
   */
  budget: { day: string; spentUsd: number; reservedUsd: number; leftUsd: number | null; savedByCacheUsd: number };
};

const usdOrNull = (micros: number | null) => (micros === null ? null : microsToUsd(micros));

export async function getAccountSummary(
  deps: Pick<Deps, 'db' | 'clock' | 'providers' | 'assistant'>,
  actor: Actor,
  authMethod: string | null
): Promise<AccountSummary> {
  const budget = await getBudgetStatus(deps, actor);
  const savedByCacheUsd = await savedByCache(deps, actor.id, new Date(`${budget.day}T00:00:00Z`));
  return {
    id: actor.id,
    email: actor.email,
    displayName: actor.displayName,
    role: actor.role,
    scopes: actor.scopes,
    authMethod,
    policy: actor.policy,
    budget: {
      day: budget.day,
      spentUsd: microsToUsd(budget.spentMicros),
      reservedUsd: microsToUsd(budget.reservedMicros),
      leftUsd: usdOrNull(budget.leftMicros),
      savedByCacheUsd
    }
  };
}
