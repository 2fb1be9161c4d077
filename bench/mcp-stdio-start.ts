import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { buildMcpIfOutdated } from '../scripts/build-mcp.js';
import { summarize } from './stats';

const BIN = fileURLToPath(new URL('../mcp/bin.js', import.meta.url));

/** One launch as a desktop client makes it (`node /abs/mcp/bin.js` in `/`): spawn → `initialize` answered, and → a first tool result. */
async function launch(dataDir: string): Promise<{ initialize: number; firstTool: number }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    cwd: '/',
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
  const initialize = performance.now() - started;
  // Waits for the database, so the server is closed cleanly before the next launch opens the same data dir.
  await client.callTool({ name: 'list_images', arguments: {} }, undefined, { timeout: 300_000 });
  const firstTool = performance.now() - started;
  await client.close();
  return { initialize, firstTool };
}

/**
 * `atelier-mcp`'s start (goal: `initialize` under 500 ms): `runs` launches on one data dir, the first of them
 * creating and migrating it, and the first tool result, which waits for the database.
 */
export async function benchMcpStdioStart(runs = 10) {
  await buildMcpIfOutdated();
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-mcp-start-'));
  try {
    const launches: Array<{ initialize: number; firstTool: number }> = [];
    for (let run = 0; run < runs; run++) launches.push(await launch(dataDir));
    const [fresh, ...existing] = launches;
    return {
      initializeMs: summarize(launches.map((result) => result.initialize)),
      firstToolResultMs: summarize(existing.map((result) => result.firstTool)),
      newDataDirFirstToolResultMs: Math.round(fresh!.firstTool)
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
