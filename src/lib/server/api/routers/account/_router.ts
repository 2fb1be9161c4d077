import { authedProcedure, publicProcedure, router } from '../../trpc';
import { meHandler } from './me.handler';
import { setupStatusHandler } from './setup-status.handler';

export const accountRouter = router({
  me: authedProcedure.query(meHandler),
  setupStatus: publicProcedure.query(setupStatusHandler)
});
