import type { Deps } from '../../../services/deps';
import { inviteRecipient } from '../../../services/sign-up';
import type { TInviteInput } from './invite.schema';

/** Public: the invite link's code is the secret; the sign-up form fills in (and locks) the address it is for. */
export async function inviteHandler({ ctx, input }: { ctx: { deps: Deps }; input: TInviteInput }) {
  return (await inviteRecipient(ctx.deps, input.code)) ?? null;
}
