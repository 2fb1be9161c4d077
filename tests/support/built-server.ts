import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDefaultBodySizeLimit } from '../../scripts/body-size-limit.js';
import { E2E_ADMIN_ENV } from './e2e-auth';

export type BuiltServer = {
  url: string;
  dataDir: string;
  /** The pid of the spawned process (the `commandPrefix` program when one is given). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
      );
    });
  });
}

/**
 * Runs the built app (`node build` with `npm start`'s settings) on a free port and resolves once
 * `/api/images/health` answers 200. Without `dataDir` it gets a fresh one, removed by `stop()`.
 * The admin of `E2E_ADMIN` is created on first start unless `withoutAdmin` (a first-run instance).
 */
export async function startBuiltServer(
  options: {
    dataDir?: string;
    timeoutMs?: number;
    pollMs?: number;
    env?: Record<string, string>;
    withoutAdmin?: boolean;
    /** A port chosen beforehand, when the environment must name the server's own URL (PUBLIC_URL). */
    port?: number;
    /** A program and its arguments that run `node build` (e.g. `unshare … --fork`). */
    commandPrefix?: readonly string[];
    /** What `stop()` sends; `unshare --fork` ignores SIGTERM, so with it use SIGKILL and `--kill-child`. */
    stopSignal?: NodeJS.Signals;
  } = {}
): Promise<BuiltServer> {
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'atelier-server-')));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const [program, ...args] = [...(options.commandPrefix ?? []), process.execPath, 'build'];
  const child = spawn(program!, args, {
    env: {
      ...withDefaultBodySizeLimit(process.env),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...(!options.withoutAdmin && E2E_ADMIN_ENV),
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  // A test process that dies must not leave the server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(options.stopSignal ?? 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline && child.exitCode === null) {
    const healthy = await fetch(`${url}/api/images/health`).then(
      (response) => response.ok,
      () => false
    );
    if (healthy) return { url, dataDir, pid: child.pid!, output: () => output.join(''), stop };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
  await stop();
  throw new Error(`The built app did not become healthy at ${url}.\nServer output:\n${output.join('')}`);
}
