import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { summarize } from './stats';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

async function timeToInitialize(dataDir: string): Promise<number> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'mcp/stdio.ts'],
    cwd: REPO_ROOT,
    env: {
      ...getDefaultEnvironment(),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ATELIER_ADMIN_EMAIL: 'bench-admin@example.com',
      ATELIER_ADMIN_PASSWORD: 'bench-admin-password'
    },
    stderr: 'ignore'
  });
  const client = new Client({ name: 'bench', version: '0.0.0' });
  const started = performance.now();
  await client.connect(transport, { timeout: 300_000 });
  const elapsed = performance.now() - started;
  await client.close();
  return elapsed;
}

/** `npm run mcp` without its scripts: from spawning `node --import tsx mcp/stdio.ts` to the `initialize` answer. */
export async function benchMcpStdioStart(runs = 5) {
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-mcp-start-'));
    try {
      fresh.push(await timeToInitialize(dataDir));
      existing.push(await timeToInitialize(dataDir));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return { newDataDirMs: summarize(fresh), existingDataDirMs: summarize(existing) };
}
