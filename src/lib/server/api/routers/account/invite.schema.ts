import { z } from 'zod';

export const ZInviteInput = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'code is required: the `invite` parameter of an invite link.')
    .max(200, 'code is at most 200 characters; copy the whole invite link again.')
});

export const ZInviteOutput = z
  .object({ email: z.string().nullable().describe('The only address the invite admits; null: anyone with the link.') })
  .nullable()
  .describe('null when the invite is unknown, used or expired.');

export type TInviteInput = z.infer<typeof ZInviteInput>;
