import { interactiveProcedure, router } from '../../trpc';
import { clientHandler, listHandler, revokeHandler } from './apps.handler';
import { ZClientIdInput } from './client-id.schema';

/** Apps connected to `/mcp` through OAuth: listed and revoked on the Account page, named on the consent page. */
export const appsRouter = router({
  list: interactiveProcedure.query(listHandler),
  client: interactiveProcedure.input(ZClientIdInput).query(clientHandler),
  revoke: interactiveProcedure.input(ZClientIdInput).mutation(revokeHandler)
});
