import { publicProcedure, router } from '../../trpc';
import { healthHandler } from './health.handler';

export const systemRouter = router({
  health: publicProcedure.query(healthHandler)
});
