// An Upstash-REST-compatible HTTP server over a local Redis, so `@upstash/redis` and `@upstash/ratelimit`
// run unchanged against a plain redis-server (no such server exists on npm). It speaks what those clients use:
//   POST /            one command as a JSON array                → {result} | 400 {error}
//   POST /pipeline    an array of commands                       → [{result} | {error}, …]
//   POST /multi-exec  an array of commands run in MULTI … EXEC   → [{result} | {error}, …]
// with `Authorization: Bearer <token>` (401 otherwise) and `Upstash-Encoding: base64`. Listens on 127.0.0.1.
//   node --import tsx scripts/upstash-rest-shim.ts --redis-port 63790 --token dev-token --port 8079
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openRespConnection, RespError, type RespReply } from './resp-connection';

export type UpstashRestShim = { url: string; token: string; close(): Promise<void> };

type Json = string | number | null | Json[];
type CommandResult = { result: Json } | { error: string };

const ZCommand = z
  .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .min(1)
  .transform((args) => args.map(String));
const ZCommands = z.array(ZCommand).min(1);

/** They would change the state of the one Redis connection every request shares. */
const CONNECTION_STATE_COMMANDS = new Set([
  'multi',
  'exec',
  'discard',
  'watch',
  'unwatch',
  'select',
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'monitor',
  'quit',
  'reset',
  'hello',
  'client'
]);

// Redis 7.0's shebang flags. @upstash/ratelimit 2.2 also sends `allow-key-locking`, which only Upstash's
// service knows; Redis 7.0 refuses the whole script with "Unexpected flag in script shebang".
const REDIS_SCRIPT_FLAGS = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);
const SHEBANG_FLAGS = /^#!lua flags=(\S*)/;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function withoutUnknownFlags(script: string): string {
  const match = SHEBANG_FLAGS.exec(script);
  if (!match) return script;
  const kept = (match[1] ?? '').split(',').filter((flag) => REDIS_SCRIPT_FLAGS.has(flag));
  return `#!lua${kept.length > 0 ? ` flags=${kept.join(',')}` : ''}${script.slice(match[0].length)}`;
}

/**
 * Rewrites scripts for Redis 7.0 and remembers original SHA → rewritten SHA, so the client's EVALSHA of
 * the SHA it computed from its own script text finds the rewritten script.
 */
function createScriptAdapter() {
  const rewrittenShas = new Map<string, string>();

  function rewrite(script: string): string {
    const rewritten = withoutUnknownFlags(script);
    if (rewritten !== script) rewrittenShas.set(sha1(script), sha1(rewritten));
    return rewritten;
  }

  /** The command Redis should run, and how to turn its reply into the one the client expects. */
  return function adapt(args: string[]): { args: string[]; reply: (reply: RespReply) => RespReply } {
    const [name = '', first, ...rest] = args;
    const same = (reply: RespReply) => reply;
    switch (name.toLowerCase()) {
      case 'eval':
      case 'eval_ro':
        return { args: first === undefined ? args : [name, rewrite(first), ...rest], reply: same };
      case 'evalsha':
      case 'evalsha_ro':
        return {
          args: first === undefined ? args : [name, rewrittenShas.get(first.toLowerCase()) ?? first, ...rest],
          reply: same
        };
      case 'script': {
        const [script] = rest;
        if (first?.toLowerCase() !== 'load' || script === undefined) return { args, reply: same };
        const originalSha = sha1(script);
        return {
          args: [name, first, rewrite(script)],
          reply: (reply) => (reply instanceof RespError ? reply : Buffer.from(originalSha))
        };
      }
      default:
        return { args, reply: same };
    }
  };
}

/** Upstash's base64 encoding: bulk and status strings in base64 except the status `OK`; numbers, nil, arrays as they are. */
function toJson(reply: RespReply, base64: boolean): Json {
  if (reply instanceof RespError) return reply.message;
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString('base64') : reply.toString('utf8');
  if (typeof reply === 'string') return base64 && reply !== 'OK' ? Buffer.from(reply).toString('base64') : reply;
  if (Array.isArray(reply)) return reply.map((item) => toJson(item, base64));
  return reply;
}

function toResult(reply: RespReply, base64: boolean): CommandResult {
  return reply instanceof RespError ? { error: reply.message } : { result: toJson(reply, base64) };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function refusedCommand(commands: string[][]): string | undefined {
  const name = commands.map((args) => args[0]!.toLowerCase()).find((each) => CONNECTION_STATE_COMMANDS.has(each));
  return name && `ERR '${name}' is not supported by this Upstash REST shim`;
}

/** Starts the shim on 127.0.0.1 (`port` 0 or omitted: a free port) over the Redis on 127.0.0.1:`redisPort`. */
export async function startUpstashRestShim(options: {
  redisPort: number;
  token: string;
  port?: number;
}): Promise<UpstashRestShim> {
  const redis = await openRespConnection(options.redisPort);
  const adapt = createScriptAdapter();
  const expectedAuthorization = createHash('sha256').update(`Bearer ${options.token}`).digest();

  const authorized = (header: string | undefined) =>
    timingSafeEqual(
      createHash('sha256')
        .update(header ?? '')
        .digest(),
      expectedAuthorization
    );

  async function run(commands: string[][]): Promise<RespReply[]> {
    const adapted = commands.map(adapt);
    const replies = await redis.send(adapted.map((command) => command.args));
    return replies.map((reply, index) => adapted[index]!.reply(reply));
  }

  async function runTransaction(commands: string[][]): Promise<RespReply> {
    const replies = await run([['MULTI'], ...commands, ['EXEC']]);
    return replies.at(-1) ?? null;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!authorized(request.headers.authorization)) return sendJson(response, 401, { error: 'Unauthorized' });
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'Only POST is supported' });
    const base64 = request.headers['upstash-encoding'] === 'base64';
    const path = new URL(request.url ?? '/', 'http://shim').pathname;
    const body = await readJson(request).catch(() => undefined);

    if (path === '/') {
      const command = ZCommand.safeParse(body);
      if (!command.success) return sendJson(response, 400, { error: 'ERR the body must be a JSON array command' });
      const refused = refusedCommand([command.data]);
      if (refused) return sendJson(response, 400, { error: refused });
      const [reply = null] = await run([command.data]);
      const result = toResult(reply, base64);
      return sendJson(response, 'error' in result ? 400 : 200, result);
    }
    if (path === '/pipeline' || path === '/multi-exec') {
      const commands = ZCommands.safeParse(body);
      if (!commands.success) return sendJson(response, 400, { error: 'ERR the body must be an array of commands' });
      const refused = refusedCommand(commands.data);
      if (refused) return sendJson(response, 400, { error: refused });
      if (path === '/pipeline') {
        const replies = await run(commands.data);
        return sendJson(
          response,
          200,
          replies.map((reply) => toResult(reply, base64))
        );
      }
      const exec = await runTransaction(commands.data);
      if (exec instanceof RespError) return sendJson(response, 400, { error: exec.message });
      if (!Array.isArray(exec)) return sendJson(response, 400, { error: 'ERR the transaction was aborted' });
      return sendJson(
        response,
        200,
        exec.map((reply) => toResult(reply, base64))
      );
    }
    sendJson(response, 404, { error: `No such endpoint: ${path}` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await redis.close();
    }
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'redis-port': { type: 'string', default: '63790' },
      token: { type: 'string', default: 'atelier-dev-token' },
      port: { type: 'string', default: '8079' }
    }
  });
  const shim = await startUpstashRestShim({
    redisPort: Number(values['redis-port']),
    token: values.token,
    port: Number(values.port)
  });
  console.log(`Upstash REST shim on ${shim.url}, over Redis on 127.0.0.1:${values['redis-port']}.`);
  console.log(`Use it with UPSTASH_REDIS_REST_URL=${shim.url} UPSTASH_REDIS_REST_TOKEN=${shim.token}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
