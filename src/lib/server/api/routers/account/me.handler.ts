import { getAccountSummary } from '../../../services/account-summary';
import type { Deps } from '../../../services/deps';
import type { Actor } from '../../../services/users';
import type { AuthMethod } from '../../context';

type Options = { ctx: { deps: Deps; user: Actor; authMethod: AuthMethod | null } };

export function meHandler({ ctx }: Options) {
  return getAccountSummary(ctx.deps, ctx.user, ctx.authMethod);
}
