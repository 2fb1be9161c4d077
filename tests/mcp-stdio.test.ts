import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_WITHOUT_SVELTEKIT, REPO_ROOT } from './support/without-sveltekit';

// Generous: the child transpiles the server with tsx and opens a new PGlite database on a shared machine.
const STARTUP_TIMEOUT_MS = 180_000;

let dataDir: string;
let client: Client;
const protocolErrors: Error[] = [];
const stderr: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-mcp-stdio-'));
  // What `npm run mcp` runs, refusing SvelteKit: it needs neither `svelte-kit sync` nor devDependencies.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...NODE_WITHOUT_SVELTEKIT, 'mcp/stdio.ts'],
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
  await client.connect(transport, { timeout: STARTUP_TIMEOUT_MS });
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

  it('should upscale an atelier:// image over stdio into a child of it', async () => {
    const { images } = (
      (await client.callTool({
        name: 'generate_image',
        arguments: { prompt: 'stdio source', size: '256x256' }
      })) as CallToolResult
    ).structuredContent as { images: Array<{ id: string }> };

    const upscaled = (await client.callTool({
      name: 'edit_image',
      arguments: { editType: 'upscale', image: `atelier://images/${images[0]!.id}`, model: 'lanczos' }
    })) as CallToolResult;

    expect(upscaled.isError, JSON.stringify(upscaled.content).slice(0, 500)).toBeFalsy();
    const [child] = (upscaled.structuredContent as { images: Array<Record<string, unknown>> }).images;
    expect(child).toMatchObject({ status: 'completed', width: 512, parentImageId: images[0]!.id });
    expect(protocolErrors, stderr.join('')).toStrictEqual([]);
  });
});
