import { imagesRouter } from './routers/images/_router';
import { providersRouter } from './routers/providers/_router';
import { systemRouter } from './routers/system/_router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  images: imagesRouter,
  providers: providersRouter,
  system: systemRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
export type ApiCaller = ReturnType<typeof createCaller>;
