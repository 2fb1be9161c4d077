import { z } from 'zod';
import { API_KEY_SCOPES } from '../../../db/schema';

export const ZCreateKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key so you can recognise it later.').max(100),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, 'Choose at least one scope: read, generate or admin.')
    .describe('read: browse the library; generate: make images (may cost money); admin: manage the instance.')
});

export type TCreateKeyInput = z.infer<typeof ZCreateKeyInput>;
