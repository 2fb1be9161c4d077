import { readProcedure, router } from '../../trpc';
import { listHandler } from './list.handler';

export const providersRouter = router({
  list: readProcedure.query(listHandler)
});
