import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltServer } from '../tests/support/built-server';
import { ensureBuiltApp } from './built-app';
import { summarize } from './stats';

async function timeToFirstOk(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await startBuiltServer({ dataDir, pollMs: 5, env: { LOG_LEVEL: 'silent' } });
  const elapsed = performance.now() - started;
  await server.stop();
  return elapsed;
}

/** Built server (adapter-node) from process start to the first 200, on a new and on an existing data dir. */
export async function benchColdStart(runs = 3) {
  ensureBuiltApp();
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-cold-'));
    try {
      fresh.push(await timeToFirstOk(dataDir));
      existing.push(await timeToFirstOk(dataDir));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return { newDataDirMs: summarize(fresh), existingDataDirMs: summarize(existing) };
}
