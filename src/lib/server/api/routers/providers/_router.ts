import { publicProcedure, router } from '../../trpc';
import { listHandler } from './list.handler';

export const providersRouter = router({
  list: publicProcedure.query(listHandler)
});
