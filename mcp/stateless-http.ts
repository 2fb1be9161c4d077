import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import {
  CancelledNotificationSchema,
  isJSONRPCRequest,
  type JSONRPCMessage,
  type RequestId
} from '@modelcontextprotocol/sdk/types.js';

const EVENT_STREAM = 'text/event-stream';

/**
 * The POSTs whose requests are still running on this instance, by caller and JSON-RPC id. A stateless
 * server gives every POST its own MCP server, so the `notifications/cancelled` a client sends in a POST
 * of its own reaches a server that never saw the request; it is handed over here instead.
 */
const running = new Map<string, Set<() => Promise<void>>>();

const keyOf = (callerId: string, requestId: RequestId) => `${callerId}\n${String(requestId)}`;

/**
 * Answers one POST of Streamable HTTP without sessions. A client that accepts `text/event-stream` gets
 * an SSE stream, which carries the tools' progress notifications before the result; one that accepts only
 * JSON gets the result as plain JSON. The POST's server is closed, which aborts its running tools (their
 * `extra.signal`), when
 * - the answer is complete,
 * - the client stops reading the SSE stream or `signal` aborts (the client disconnected), or
 * - the same caller cancels the request with `notifications/cancelled` in another POST to this instance.
 *   The SDK sends no answer to a cancelled request, so the POST then ends without one (an SSE stream
 *   closes, a JSON POST answers 202). Request ids are chosen by clients, so when two running requests
 *   of one caller share the id the cancel is ambiguous and ignored.
 *
 * A JSON answer also carries `responseHeaders` (the procedures' `RateLimit-*`), complete once the answer
 * is; an SSE answer's headers leave before any tool has run, so it carries none.
 */
export async function answerStatelessPost(
  request: Request,
  options: { callerId: string; server: McpServer; signal: AbortSignal; responseHeaders?: Headers }
): Promise<Response> {
  const { callerId, server, signal, responseHeaders = new Headers() } = options;
  const messages = await peekMessages(request);
  for (const message of messages) cancelRunning(callerId, message);

  const streams = request.headers.get('accept')?.includes(EVENT_STREAM) ?? false;
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: !streams
  });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= server.close());
  // In JSON mode the transport's answer never settles once closed; this one stands in.
  const closed = new Promise<Response>((resolve) => {
    server.server.onclose = () => resolve(new Response(null, { status: 202 }));
  });
  const keys = messages.filter(isJSONRPCRequest).map((message) => keyOf(callerId, message.id));
  for (const key of keys) (running.get(key) ?? running.set(key, new Set()).get(key)!).add(close);
  const finish = () => {
    for (const key of keys) {
      const closers = running.get(key);
      closers?.delete(close);
      if (closers?.size === 0) running.delete(key);
    }
    signal.removeEventListener('abort', close);
    return close();
  };
  await server.connect(transport);
  if (signal.aborted) void close();
  else signal.addEventListener('abort', close, { once: true });
  const response = await Promise.race([
    transport.handleRequest(streams ? request : acceptingEventStream(request)),
    closed
  ]);
  if (!response.body || !response.headers.get('content-type')?.startsWith(EVENT_STREAM)) {
    await finish();
    return withHeaders(response, responseHeaders);
  }
  return withEnd(response, finish);
}

function cancelRunning(callerId: string, message: JSONRPCMessage): void {
  const cancel = CancelledNotificationSchema.safeParse(message);
  const requestId = cancel.success ? cancel.data.params.requestId : undefined;
  if (requestId === undefined) return;
  const closers = running.get(keyOf(callerId, requestId));
  if (closers?.size === 1) for (const close of closers) void close();
}

/** The JSON-RPC messages of a POST, read from a copy so the transport still reads (and judges) the body. */
async function peekMessages(request: Request): Promise<JSONRPCMessage[]> {
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => undefined);
  const candidates = Array.isArray(body) ? body : [body];
  return candidates.filter(
    (candidate): candidate is JSONRPCMessage => typeof candidate === 'object' && candidate !== null
  );
}

/**
 * The SDK requires every POST to accept both JSON and SSE; a client that takes only JSON is answered in
 * JSON mode anyway, so it may say just that.
 */
function acceptingEventStream(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('accept', [headers.get('accept'), EVENT_STREAM].filter(Boolean).join(', '));
  return new Request(request, { headers });
}

function withHeaders(response: Response, extra: Headers): Response {
  const headers = new Headers(response.headers);
  extra.forEach((value, name) => headers.set(name, value));
  return new Response(response.body, { status: response.status, headers });
}

/** The same streamed answer, calling `onEnd` once it was read to its end or the client stopped reading it. */
function withEnd(response: Response, onEnd: () => Promise<void>): Response {
  const reader = response.body!.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (!chunk.done) return controller.enqueue(chunk.value);
      controller.close();
      await onEnd();
    },
    async cancel(reason) {
      await onEnd();
      await reader.cancel(reason);
    }
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
