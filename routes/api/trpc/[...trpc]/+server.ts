import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createEventContext, MAX_TRPC_BATCH_SIZE } from '$lib/server/api';
import type { RequestHandler } from './$types';

const handle: RequestHandler = (event) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req: event.request,
    router: appRouter,
    maxBatchSize: MAX_TRPC_BATCH_SIZE,
    createContext: () => createEventContext(event),
    responseMeta: ({ ctx }) => ({ headers: ctx?.responseHeaders })
  });

export const GET = handle;
export const POST = handle;
