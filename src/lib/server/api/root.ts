import { randomUUID } from 'node:crypto';
import type { Deps } from '../services/deps';
import type { Actor } from '../services/users';
import type { AuthMethod } from './context';
import { accountRouter } from './routers/account/_router';
import { adminRouter } from './routers/admin/_router';
import { appsRouter } from './routers/apps/_router';
import { collectionsRouter } from './routers/collections/_router';
import { imagesRouter } from './routers/images/_router';
import { keysRouter } from './routers/keys/_router';
import { presetsRouter } from './routers/presets/_router';
import { promptsRouter } from './routers/prompts/_router';
import { providersRouter } from './routers/providers/_router';
import { systemRouter } from './routers/system/_router';
import { templatesRouter } from './routers/templates/_router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  collections: collectionsRouter,
  keys: keysRouter,
  apps: appsRouter,
  images: imagesRouter,
  presets: presetsRouter,
  prompts: promptsRouter,
  providers: providersRouter,
  system: systemRouter,
  templates: templatesRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
export type ApiCaller = ReturnType<typeof createCaller>;

/** A caller acting as `user` without an HTTP request: the CLI, benchmarks and tests (the process is trusted). */
export function createActorCaller(
  deps: Deps,
  user: Actor,
  options: { authMethod?: AuthMethod; requestId?: string; signal?: AbortSignal } = {}
): ApiCaller {
  return createCaller(
    {
      deps,
      user,
      authMethod: options.authMethod ?? 'internal',
      requestId: options.requestId ?? randomUUID(),
      ipAddress: null,
      responseHeaders: new Headers()
    },
    { signal: options.signal }
  );
}
