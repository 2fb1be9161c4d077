import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from './stats';

async function timeToFirstOk(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['build'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: 'ignore'
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/images/health`)).ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Built server (adapter-node) from process start to the first 200, on a new and on an existing data dir. */
export async function benchColdStart(runs = 3) {
  if (!existsSync('build/handler.js')) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-cold-'));
    try {
      fresh.push(await timeToFirstOk(dataDir, 39_100 + run));
      existing.push(await timeToFirstOk(dataDir, 39_200 + run));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return { newDataDirMs: summarize(fresh), existingDataDirMs: summarize(existing) };
}
