import { accountRouter } from './routers/account/_router';
import { adminRouter } from './routers/admin/_router';
import { imagesRouter } from './routers/images/_router';
import { keysRouter } from './routers/keys/_router';
import { providersRouter } from './routers/providers/_router';
import { systemRouter } from './routers/system/_router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  keys: keysRouter,
  images: imagesRouter,
  providers: providersRouter,
  system: systemRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
export type ApiCaller = ReturnType<typeof createCaller>;
