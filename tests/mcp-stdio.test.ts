import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const STARTUP_TIMEOUT_MS = 60_000;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

let dataDir: string;
let client: Client;
const protocolErrors: Error[] = [];
const stderr: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-mcp-stdio-'));
  // What `npm run mcp` runs once `svelte-kit sync` is done (vitest has already synced).
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'mcp/stdio.ts'],
    cwd: REPO_ROOT,
    env: {
      ...getDefaultEnvironment(),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ATELIER_ADMIN_EMAIL: 'stdio-admin@example.com',
      ATELIER_ADMIN_PASSWORD: 'stdio-admin-password'
    },
    stderr: 'pipe'
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  client = new Client({ name: 'stdio-test', version: '0.0.0' });
  // Anything on stdout that is not a JSON-RPC message surfaces here.
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('mcp/stdio.ts', () => {
  it(
    'should serve the tools over stdio, generate an image and list it, with nothing but protocol on stdout',
    async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('generate_image');

      const generated = (await client.callTool({
        name: 'generate_image',
        arguments: { prompt: 'stdio harbour', size: '256x256' }
      })) as CallToolResult;
      expect(generated.isError, JSON.stringify(generated.content).slice(0, 500)).toBeFalsy();
      const [image] = (generated.structuredContent as { images: Array<{ id: string; status: string }> }).images;
      expect(image?.status).toBe('completed');

      const listed = (await client.callTool({ name: 'list_images', arguments: {} })) as CallToolResult;
      const page = listed.structuredContent as { images: Array<{ id: string }>; total: number };
      expect(page.images.map((entry) => entry.id)).toStrictEqual([image!.id]);
      expect(page.total).toBe(1);

      expect(protocolErrors, stderr.join('')).toStrictEqual([]);
    },
    STARTUP_TIMEOUT_MS
  );
});
