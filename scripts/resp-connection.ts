// A minimal Redis (RESP2) client over one TCP connection, for the Upstash REST shim. Commands are
// pipelined: every call writes at once and replies come back in order, so a caller that writes
// MULTI … EXEC in one `send` gets an uninterrupted transaction even while others share the socket.
import { connect, type Socket } from 'node:net';

export class RespError extends Error {
  override name = 'RespError';
}

/** Simple strings are `string`, bulk strings `Buffer`, integers `number`, nil `null`. */
export type RespReply = string | Buffer | number | null | RespError | RespReply[];

type Parsed = { reply: RespReply; end: number };

const CRLF = Buffer.from('\r\n');

function parseReply(buffer: Buffer, start: number): Parsed | undefined {
  const lineEnd = buffer.indexOf(CRLF, start);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buffer[start]!);
  const line = buffer.toString('utf8', start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { reply: line, end: next };
    case '-':
      return { reply: new RespError(line), end: next };
    case ':':
      return { reply: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length === -1) return { reply: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { reply: buffer.subarray(next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count === -1) return { reply: null, end: next };
      const items: RespReply[] = [];
      let end = next;
      for (let index = 0; index < count; index++) {
        const item = parseReply(buffer, end);
        if (!item) return undefined;
        items.push(item.reply);
        end = item.end;
      }
      return { reply: items, end };
    }
    default:
      throw new Error(`Unexpected RESP type byte ${JSON.stringify(type)} from Redis.`);
  }
}

function encodeCommand(args: string[]): Buffer {
  const parts = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(arg, 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

export type RespConnection = {
  /** Sends the commands in one write; resolves with one reply per command, errors included as `RespError`. */
  send(commands: string[][]): Promise<RespReply[]>;
  close(): Promise<void>;
};

type Pending = { resolve: (reply: RespReply) => void; reject: (error: Error) => void };

export function openRespConnection(port: number, host = '127.0.0.1'): Promise<RespConnection> {
  const socket: Socket = connect({ host, port });
  socket.setNoDelay(true);
  const pending: Pending[] = [];
  let buffered = Buffer.alloc(0);
  let closedBecause: Error | undefined;

  socket.on('data', (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    let offset = 0;
    try {
      for (let parsed = parseReply(buffered, offset); parsed; parsed = parseReply(buffered, offset)) {
        offset = parsed.end;
        pending.shift()?.resolve(parsed.reply);
      }
    } catch (error) {
      socket.destroy(error instanceof Error ? error : new Error(String(error)));
    }
    buffered = buffered.subarray(offset);
  });
  socket.on('close', () => {
    closedBecause ??= new Error(`The connection to Redis on ${host}:${port} closed.`);
    for (const waiting of pending.splice(0)) waiting.reject(closedBecause);
  });

  const connection: RespConnection = {
    send(commands) {
      if (closedBecause) return Promise.reject(closedBecause);
      const replies = commands.map(
        () => new Promise<RespReply>((resolve, reject) => pending.push({ resolve, reject }))
      );
      socket.write(Buffer.concat(commands.map(encodeCommand)));
      return Promise.all(replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
      })
  };

  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', (error) => (closedBecause = error));
      resolve(connection);
    });
    socket.once('error', reject);
  });
}
