import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, MAX_TRPC_BATCH_SIZE } from '$lib/server/api';
import { createEventContext } from '$lib/server/http/context';
import { untilClientLeaves } from '$lib/server/http/client-signal';
import type { RequestHandler } from './$types';

/** A client that disconnects aborts its procedures (their `signal`), streamed ones too. */
const handle: RequestHandler = (event) =>
  untilClientLeaves(event, (signal) =>
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(event.request, { signal }),
      router: appRouter,
      maxBatchSize: MAX_TRPC_BATCH_SIZE,
      createContext: () => createEventContext(event),
      responseMeta: ({ ctx }) => ({ headers: ctx?.responseHeaders })
    })
  );

export const GET = handle;
export const POST = handle;
