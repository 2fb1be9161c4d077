import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from './fakes/openai-fake';
import {
  callCanceledAfterFirstImage,
  expectCanceledBatch,
  expectProgressInOrder,
  slowBatch,
  staggeredVendor
} from './support/cancel-scenario';
import { readGenerationRecords } from './support/generation-records';

const STARTUP_TIMEOUT_MS = 60_000;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

let dataDir: string;
let openai: OpenAIFake;
let client: Client;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-mcp-cancel-'));
  openai = await startOpenAIFake({ delayMs: staggeredVendor().delayMs });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'mcp/stdio.ts'],
    cwd: REPO_ROOT,
    env: {
      ...getDefaultEnvironment(),
      DATA_DIR: dataDir,
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      ATELIER_ADMIN_EMAIL: 'stdio-admin@example.com',
      ATELIER_ADMIN_PASSWORD: 'stdio-admin-password'
    },
    stderr: 'pipe'
  });
  client = new Client({ name: 'stdio-cancel-test', version: '0.0.0' });
  await client.connect(transport);
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await openai?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Waits until no image of the user is still being made (the server ends canceled rows after the cancel). */
async function untilNothingRuns(): Promise<void> {
  for (;;) {
    const listed = (await client.callTool({ name: 'list_images', arguments: { limit: 50 } })) as CallToolResult;
    const { images } = listed.structuredContent as { images: Array<{ status: string }> };
    if (images.every((image) => !['pending', 'generating'].includes(image.status))) return;
  }
}

describe('generate_image over stdio', () => {
  it(
    'should report progress in order and, cancelled after the first image, end the rest canceled with the reservation released',
    async () => {
      const batch = slowBatch('a slow harbour over stdio');
      const progress = await callCanceledAfterFirstImage(client, batch);
      await untilNothingRuns();
      await client.close();

      expectProgressInOrder(progress, batch.count);
      expectCanceledBatch(await readGenerationRecords(dataDir));
    },
    STARTUP_TIMEOUT_MS
  );
});
