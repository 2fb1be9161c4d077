import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { json } from '@sveltejs/kit';
import { createCaller, createEventContext, refusalResponse } from '$lib/server/api';
import { createMcpServer } from '$mcp/server';
import type { RequestHandler } from './$types';

/**
 * Streamable HTTP, stateless: each POST gets its own server and transport, so any instance can answer
 * any request. Replies are plain JSON because a stateless server has nothing to stream afterwards.
 */
export const POST: RequestHandler = async (event) => {
  const ctx = await createEventContext(event);
  if (!ctx.user) return refusalResponse(ctx);
  const server = createMcpServer(createCaller(ctx));
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(event.request);
  } finally {
    await server.close();
  }
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
