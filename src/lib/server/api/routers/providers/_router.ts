import { readProcedure, router } from '../../trpc';
import { listHandler } from './list.handler';
import { ZProvidersOutput } from './provider.output';

export const providersRouter = router({
  list: readProcedure.output(ZProvidersOutput).query(listHandler)
});
