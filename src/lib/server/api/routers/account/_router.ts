import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import { inviteHandler } from './invite.handler';
import { ZInviteInput, ZInviteOutput } from './invite.schema';
import { meHandler } from './me.handler';
import { setupStatusHandler } from './setup-status.handler';
import { spendingConfirmationHandler } from './spending-confirmation.handler';

export const accountRouter = router({
  me: authedProcedure.query(meHandler),
  setupStatus: publicProcedure.query(setupStatusHandler),
  /** Who an invite link is for, so the sign-up form can fill in the address. */
  invite: publicProcedure.input(ZInviteInput).output(ZInviteOutput).query(inviteHandler),
  /** The estimate above which an agent's call must be confirmed by the person (MCP elicitation) first. */
  spendingConfirmation: authedProcedure
    .output(z.object({ confirmAboveUsd: z.number() }))
    .query(spendingConfirmationHandler)
});
