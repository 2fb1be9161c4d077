import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createRequestContext } from '$lib/server/api';
import type { RequestHandler } from './$types';

const handle: RequestHandler = ({ request }) =>
  fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, createContext: createRequestContext });

export const GET = handle;
export const POST = handle;
