// A WebSocket→TCP proxy so `@neondatabase/serverless` can reach a plain PostgreSQL (tests, local runs).
// The driver asks for `ws://<proxy>/v2?address=<host>:<port>` (see NEON_WS_PROXY in .env.example); every
// binary frame is piped to that TCP address and back. Only loopback hosts and the allowed ports are reachable.
//   node --import tsx scripts/neon-ws-proxy.ts --port 8787 --allow 54329
import { connect } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const POLICY_VIOLATION = 1008;

export type NeonWsProxy = { port: number; close(): Promise<void> };

function parseTarget(requestUrl: string | undefined): { host: string; port: number } | undefined {
  const address = new URL(requestUrl ?? '/', 'ws://proxy').searchParams.get('address');
  const match = address?.match(/^(.+):(\d+)$/);
  if (!match?.[1] || !match[2]) return undefined;
  return { host: match[1], port: Number(match[2]) };
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

function pipeToTcp(socket: WebSocket, target: { host: string; port: number }): void {
  const tcp = connect({ host: target.host.replace(/^\[|\]$/g, ''), port: target.port });
  tcp.setNoDelay(true);
  socket.on('message', (data) => tcp.write(toBuffer(data)));
  tcp.on('data', (chunk) => socket.send(chunk, { binary: true }));
  socket.on('close', () => tcp.destroy());
  socket.on('error', () => tcp.destroy());
  tcp.on('close', () => socket.close());
  tcp.on('error', () => socket.terminate());
}

/** Starts the proxy on 127.0.0.1 (`port` 0 or omitted: a free port). */
export function startNeonWsProxy(options: { port?: number; allowedPorts: number[] }): Promise<NeonWsProxy> {
  const allowedPorts = new Set(options.allowedPorts);
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });

  server.on('connection', (socket, request) => {
    const target = parseTarget(request.url);
    if (!target || !LOOPBACK_HOSTS.has(target.host) || !allowedPorts.has(target.port)) {
      socket.close(POLICY_VIOLATION, 'address not allowed by this proxy');
      return;
    }
    pipeToTcp(socket, target);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      if (!address || typeof address !== 'object')
        return reject(new Error('The proxy is not listening on a TCP port.'));
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done, fail) => {
            for (const client of server.clients) client.terminate();
            server.close((error) => (error ? fail(error) : done()));
          })
      });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      allow: { type: 'string', multiple: true, default: ['54329'] }
    }
  });
  const proxy = await startNeonWsProxy({ port: Number(values.port), allowedPorts: values.allow.map(Number) });
  console.log(`Neon WebSocket proxy on 127.0.0.1:${proxy.port}, to loopback ports ${values.allow.join(', ')}.`);
  console.log(`Use it with NEON_WS_PROXY=127.0.0.1:${proxy.port} and a postgres:// DATABASE_URL.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
