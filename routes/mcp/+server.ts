import { json } from '@sveltejs/kit';
import { createCaller } from '$lib/server/api';
import { linkBaseUrl } from '$lib/server/config';
import { untilClientLeaves } from '$lib/server/http/client-signal';
import { createEventContext } from '$lib/server/http/context';
import { mcpRefusalResponse } from '$lib/server/http/mcp-refusal';
import { createMcpServer } from '$mcp/server';
import { answerStatelessPost } from '$mcp/stateless-http';
import type { RequestHandler } from './$types';

/**
 * Streamable HTTP, stateless: each POST gets its own server and transport, so any instance can answer
 * any request. Clients that accept SSE get their tools' progress on the POST's stream. A caller without a
 * valid key or token gets a 401 that points OAuth clients at the sign-in (`WWW-Authenticate`).
 */
export const POST: RequestHandler = async (event) => {
  const ctx = await createEventContext(event);
  if (!ctx.user) return mcpRefusalResponse(ctx);
  const callerId = ctx.user.id;
  const server = createMcpServer((options) => createCaller(ctx, options), {
    scopes: ctx.user.scopes,
    publicUrl: linkBaseUrl(ctx.deps.config)
  });
  const { responseHeaders } = ctx;
  return untilClientLeaves(event, (signal) =>
    answerStatelessPost(event.request, { callerId, server, signal, responseHeaders })
  );
};

/** Without sessions there is no server-to-client stream to open (GET) nor a session to end (DELETE); clients expect 405. */
const notAllowed: RequestHandler = () =>
  json(
    {
      jsonrpc: '2.0',
      error: { code: -32000, message: 'This MCP endpoint is stateless: send JSON-RPC requests with POST.' },
      id: null
    },
    { status: 405, headers: { allow: 'POST' } }
  );

export const GET = notAllowed;
export const DELETE = notAllowed;
