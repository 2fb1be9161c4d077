import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from '../support/built-server';

/** Runs `node build` as pid 1 of a new pid namespace, as a container's entry process is. */
const AS_PID_1 = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];
/** unshare ignores SIGTERM while it waits; SIGKILL ends it and, by `--kill-child`, the server. */
const START = { commandPrefix: AS_PID_1, stopSignal: 'SIGKILL', timeoutMs: 150_000 } as const;

const probe = spawnSync(AS_PID_1[0]!, [...AS_PID_1.slice(1), 'true'], { encoding: 'utf8' });
const unshareMissing = probe.status !== 0;
if (unshareMissing) {
  const why = probe.error?.message ?? probe.stderr.trim();
  const message = `\`${AS_PID_1.join(' ')}\` does not work here (${why}); it needs util-linux and root.`;
  if (process.env.CI === 'true') throw new Error(`${message} CI must run the restart-as-pid-1 test.`);
  console.warn(`\n!!! SKIPPING the restart-as-pid-1 test: ${message}\n`);
}

/** The pid (in our namespace) of the process `unshare --fork` started: the server, pid 1 inside. */
function serverPidUnder(unsharePid: number): number {
  const children = readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(' ');
  expect(children).toHaveLength(1);
  return Number(children[0]);
}

async function killHard(unsharePid: number) {
  const serverPid = serverPidUnder(unsharePid);
  process.kill(serverPid, 'SIGKILL');
  // unshare reaps the server and exits with it; until then the old process may still hold the port.
  while (existsSync(`/proc/${unsharePid}`)) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe.skipIf(unshareMissing)('the built server as pid 1 after kill -9', () => {
  let dataDir: string;
  const servers: BuiltServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should start again on the same data dir', { timeout: 180_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-pid1-'));
    const first = await startBuiltServer({ dataDir, ...START });
    servers.push(first);
    const lockPath = join(dataDir, 'pglite.lock');
    expect(readFileSync(lockPath, 'utf8')).toMatch(/^1[ \n]/);

    await killHard(first.pid);
    expect(existsSync(lockPath)).toBe(true);

    const second = await startBuiltServer({ dataDir, ...START });
    servers.push(second);
    const health = await fetch(`${second.url}/api/images/health`);
    expect(health.status).toBe(200);
    expect(readFileSync(lockPath, 'utf8')).toMatch(/^1[ \n]/);
  });
});
