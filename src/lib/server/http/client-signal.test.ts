import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequest } from '@sveltejs/kit/node';
import { afterEach, describe, expect, it } from 'vitest';
import { untilClientLeaves } from './client-signal';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * A Node server that makes the request as SvelteKit's Node adapters do (`getRequest`), reads its whole body
 * as an endpoint does, then runs `untilClientLeaves` with `platform` (adapter-node passes `{ req }`).
 */
async function serve(
  platform: (req: IncomingMessage) => { req?: IncomingMessage } | undefined
): Promise<{ url: string; bodyRead: Promise<void>; ended: Promise<string>; socketListenersLeft: Promise<number> }> {
  let readBody: () => void = () => {};
  const bodyRead = new Promise<void>((resolve) => (readBody = resolve));
  let report: (outcome: string) => void = () => {};
  let countListeners: (count: number) => void = () => {};
  const ended = new Promise<string>((resolve) => (report = resolve));
  const socketListenersLeft = new Promise<number>((resolve) => (countListeners = resolve));
  server = createServer(async (req, res) => {
    const request = await getRequest({ request: req, base: 'http://atelier.test' });
    await request.text();
    readBody();
    const listenersBefore = req.socket.listenerCount('close');
    const outcome = await untilClientLeaves({ request, platform: platform(req) }, (signal) =>
      Promise.race([
        new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve(`aborted: ${signal.reason}`))),
        new Promise<string>((resolve) => setTimeout(() => resolve('finished'), 500))
      ])
    );
    countListeners(req.socket.listenerCount('close') - listenersBefore);
    report(outcome);
    res.end(outcome);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, bodyRead, ended, socketListenersLeft };
}

describe(untilClientLeaves.name, () => {
  it('should abort the work when the client disconnects after its body was read', async () => {
    const { url, bodyRead, ended } = await serve((req) => ({ req }));
    const hangUp = new AbortController();

    const call = fetch(url, { method: 'POST', body: '{"prompt":"x"}', signal: hangUp.signal });
    await bodyRead;
    hangUp.abort();

    await expect(call).rejects.toThrow();
    expect(await ended).toMatch(/^aborted: AbortError: The client disconnected/);
  });

  it('should let the work finish for a client that waits, and leave the kept-alive socket without a listener', async () => {
    const { url, ended, socketListenersLeft } = await serve((req) => ({ req }));

    const answer = await fetch(url, { method: 'POST', body: '{}' }).then((response) => response.text());

    expect(answer).toBe('finished');
    expect(await ended).toBe('finished');
    expect(await socketListenersLeft).toBe(0);
  });

  it('should fall back to the request signal without the Node request (vite dev, other adapters)', async () => {
    const { url, bodyRead, ended } = await serve(() => undefined);
    const hangUp = new AbortController();

    const call = fetch(url, { method: 'POST', body: '{}', signal: hangUp.signal });
    await bodyRead;
    hangUp.abort();

    await expect(call).rejects.toThrow();
    expect(await ended).toBe('finished');
  });
});
