import type { IncomingMessage } from 'node:http';

/** An HTTP request as SvelteKit hands it over; adapter-node adds the Node request as `platform.req`. */
export type ClientRequestEvent = { request: Request; platform?: { req?: Pick<IncomingMessage, 'socket'> } };

/**
 * Runs `work` with a signal that aborts when the client goes away before it is done.
 *
 * SvelteKit's `request.signal` aborts only when the connection drops while the body is still being read
 * (kit's `getRequest`), so a client that sent its JSON and then hung up would not cancel anything. Under
 * adapter-node the Node socket tells: it closes when the client disconnects. The listener is removed when
 * `work` ends, because a keep-alive socket outlives the request. Without `platform.req` (`vite dev`,
 * other adapters) only `request.signal` is left. An answer that streams (SSE, tRPC's batch stream) is
 * cancelled by the adapter when the client leaves while it is written; that covers the time after `work`.
 */
export async function untilClientLeaves<T>(
  event: ClientRequestEvent,
  work: (signal: AbortSignal) => Promise<T>
): Promise<T> {
  const socket = event.platform?.req?.socket;
  if (!socket) return work(event.request.signal);
  const left = new AbortController();
  const abort = () =>
    left.abort(new DOMException('The client disconnected before the answer was ready.', 'AbortError'));
  if (socket.destroyed) abort();
  else socket.once('close', abort);
  try {
    return await work(AbortSignal.any([event.request.signal, left.signal]));
  } finally {
    socket.off('close', abort);
  }
}
