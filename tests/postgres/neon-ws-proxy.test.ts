import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startNeonWsProxy, type NeonWsProxy } from '../../scripts/neon-ws-proxy';

async function startEchoServer(): Promise<Server> {
  const server = createServer((socket) => socket.pipe(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

function openThrough(proxy: NeonWsProxy, address: string): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${proxy.port}/v2?address=${address}`);
}

describe(startNeonWsProxy.name, () => {
  let echo: Server;
  let echoPort: number;
  let sut: NeonWsProxy;

  beforeAll(async () => {
    echo = await startEchoServer();
    echoPort = (echo.address() as AddressInfo).port;
    sut = await startNeonWsProxy({ allowedPorts: [echoPort] });
  });

  afterAll(async () => {
    await sut.close();
    echo.close();
  });

  it('should pipe binary frames to an allowed loopback port and back', async () => {
    const socket = openThrough(sut, `127.0.0.1:${echoPort}`);
    await once(socket, 'open');
    const payload = Buffer.from([0, 1, 2, 250, 255]);

    socket.send(payload);
    const [reply] = (await once(socket, 'message')) as [Buffer];

    expect(Buffer.compare(reply, payload)).toBe(0);
    socket.close();
  });

  it.each([
    ['a port that is not allowed', () => `127.0.0.1:${echoPort + 1}`],
    ['a host that is not loopback', () => `10.0.0.1:${echoPort}`],
    ['a missing address', () => '']
  ])('should refuse %s with a policy violation', async (_case, address) => {
    const socket = openThrough(sut, address());

    const [code] = (await once(socket, 'close')) as [number];

    expect(code).toBe(1008);
  });
});
