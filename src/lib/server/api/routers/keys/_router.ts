import { interactiveProcedure, router } from '../../trpc';
import { ZCreateKeyInput } from './create.schema';
import { createHandler, listHandler, revokeHandler } from './keys.handler';
import { ZKeyIdInput } from './revoke.schema';

export const keysRouter = router({
  list: interactiveProcedure.query(listHandler),
  create: interactiveProcedure.input(ZCreateKeyInput).mutation(createHandler),
  revoke: interactiveProcedure.input(ZKeyIdInput).mutation(revokeHandler)
});
