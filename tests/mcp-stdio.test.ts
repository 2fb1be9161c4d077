import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LATEST_PROTOCOL_VERSION, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMcpIfOutdated, MCP_BUILT_ENTRY } from '../scripts/build-mcp.js';
import { REPO_ROOT } from './support/without-sveltekit';

// Generous: a new PGlite database is created and migrated on a shared machine.
const STARTUP_TIMEOUT_MS = 180_000;

/**
 * The package's `atelier-mcp` bin, as a desktop client starts it: by absolute path, in `/`, with settings in
 * `env` only. The guard fails it if it loads SvelteKit, which is for HTTP only (a devDependency).
 */
const BIN_ARGS = [
  '--import',
  fileURLToPath(new URL('support/refuse-sveltekit.mjs', import.meta.url)),
  join(REPO_ROOT, 'mcp/bin.js')
];

let dataDir: string;
let client: Client;
const protocolErrors: Error[] = [];
const stderr: string[] = [];

/**
 * A launch that must fail, by a client that initializes and then waits (the database opens after `initialize`
 * is answered): its stderr and exit code.
 */
function failedLaunch(env: Record<string, string>): Promise<{ stderr: string; code: number | null }> {
  const child = spawn(process.execPath, BIN_ARGS, {
    cwd: '/',
    env: { ...getDefaultEnvironment(), ...env },
    stdio: ['pipe', 'ignore', 'pipe']
  });
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'x', version: '0' } }
  };
  const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
  // A server that already exited closed its stdin; that is the answer this test waits for.
  child.stdin.on('error', () => undefined);
  child.stdin.write(`${JSON.stringify(initialize)}\n${JSON.stringify(initialized)}\n`);
  let text = '';
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ stderr: text, code })));
}

/** The packages a built file loads before it runs, through the chunks it imports statically. */
async function packagesLoadedAtStart(file: string, seen = new Set<string>()): Promise<Set<string>> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const code = await readFile(file, 'utf8');
  for (const [, specifier] of code.matchAll(/^import\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["'];?$/gm)) {
    if (specifier!.startsWith('.')) {
      for (const name of await packagesLoadedAtStart(resolve(dirname(file), specifier!), seen)) packages.add(name);
    } else if (!specifier!.startsWith('node:')) {
      packages.add(
        specifier!
          .split('/')
          .slice(0, specifier!.startsWith('@') ? 2 : 1)
          .join('/')
      );
    }
  }
  return packages;
}

beforeAll(async () => {
  await buildMcpIfOutdated();
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-mcp-stdio-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: BIN_ARGS,
    cwd: '/',
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

describe('atelier-mcp (mcp/bin.js)', () => {
  it('should load only the MCP SDK, zod and tRPC before answering initialize (the API and database load later)', async () => {
    expect([...(await packagesLoadedAtStart(MCP_BUILT_ENTRY))].sort()).toStrictEqual([
      '@modelcontextprotocol/sdk',
      '@trpc/server',
      'zod'
    ]);
  });

  it(
    'should serve the tools over stdio from /, generate an image and list it, with nothing but protocol on stdout',
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

  it('should refuse an invalid setting in one stderr line naming it, and exit 1', async () => {
    const launch = await failedLaunch({ DATA_DIR: dataDir, LOG_LEVEL: 'loud' });

    expect(launch.code).toBe(1);
    expect(launch.stderr).toMatch(/^Atelier MCP server could not start: invalid configuration: LOG_LEVEL: [^\n]+\n$/);
  });

  it('should refuse a PGlite data dir another server has open in one stderr line, and exit 1', async () => {
    const launch = await failedLaunch({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

    expect(launch.code).toBe(1);
    expect(launch.stderr).toMatch(
      /^Atelier MCP server could not start: The PGlite data dir [^\n]+ is in use by process \d+[^\n]*\n$/
    );
  });

  it('should say in one stderr line where to build it when the build is missing, and exit 1', async () => {
    const install = await mkdtemp(join(tmpdir(), 'atelier-unbuilt-'));
    try {
      await mkdir(join(install, 'mcp'));
      await copyFile(join(REPO_ROOT, 'mcp/bin.js'), join(install, 'mcp/bin.js'));
      const child = spawn(process.execPath, [join(install, 'mcp/bin.js')], {
        cwd: '/',
        stdio: ['pipe', 'ignore', 'pipe']
      });
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const code = await new Promise((resolve) => child.once('close', resolve));

      expect(code).toBe(1);
      expect(text).toBe(`Atelier MCP server could not start: it is not built; run npm run build in ${install}.\n`);
    } finally {
      await rm(install, { recursive: true, force: true });
    }
  });
});
