import { z } from 'zod';
import { API_KEY_SCOPES } from '../../../db/schema';
import { ZName } from '../../../services/names';

export const ZCreateKeyInput = z.object({
  name: ZName.describe('So you can tell your keys apart later.'),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, 'Choose at least one scope: read, generate or admin.')
    .describe('read: browse the library; generate: make images (may cost money); admin: manage the instance.')
});

export type TCreateKeyInput = z.infer<typeof ZCreateKeyInput>;
