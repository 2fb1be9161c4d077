import { z } from 'zod';

export const ZKeyIdInput = z.object({ id: z.uuid('id must be an API key id (a UUID).') });

export type TKeyIdInput = z.infer<typeof ZKeyIdInput>;
