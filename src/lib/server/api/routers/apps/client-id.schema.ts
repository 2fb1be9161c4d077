import { z } from 'zod';

export const ZClientIdInput = z.object({
  clientId: z
    .string()
    .trim()
    .min(1, 'clientId is required: the client_id of an app that registered with this Atelier.')
    .max(200, 'clientId is at most 200 characters; it is the client_id the app registered with.')
});

export type TClientIdInput = z.infer<typeof ZClientIdInput>;
