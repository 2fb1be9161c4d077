// The built server under the Node that runs this script (Node 24 in `.ci/run`): REST, the typed tRPC
// client, the MCP Inspector CLI over HTTP and the built `atelier-mcp` over stdio, each once. A script, not a
// vitest project: it runs on another Node.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../../src/lib/server/api';
import { startBuiltServer } from '../support/built-server';
import { createApiKeyOverHttp, E2E_ADMIN, E2E_ADMIN_ENV, signIn } from '../support/e2e-auth';

const ATELIER_MCP = fileURLToPath(new URL('../../mcp/bin.js', import.meta.url));
const expectedMajor = process.argv[2];
/** `mcp-inspector` of the pinned Inspector release that scripts/node24-smoke.sh installs. */
const inspector = process.env.MCP_INSPECTOR;

function step(name: string) {
  console.log(`node ${process.version} smoke: ${name}`);
}

async function restAndTrpc(dataDir: string) {
  const server = await startBuiltServer({ dataDir, timeoutMs: 180_000 });
  try {
    const key = await createApiKeyOverHttp(server.url, await signIn(server.url), ['read', 'generate']);
    const authorization = `Bearer ${key}`;

    const generated = await fetch(`${server.url}/api/images/generate`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'node 24 lighthouse', size: '256x256' })
    });
    assert.equal(generated.status, 200, await generated.clone().text());
    const { images } = (await generated.json()) as { images: Array<{ id: string }> };
    assert.equal(images.length, 1);
    const history = (await (
      await fetch(`${server.url}/api/images/history`, { headers: { authorization } })
    ).json()) as { images: Array<{ id: string }> };
    assert.ok(
      history.images.some((image) => image.id === images[0]!.id),
      'history lists the REST image'
    );
    step('REST generate and history');

    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/api/trpc`, headers: { authorization } })]
    });
    const viaTrpc = await trpc.images.generate.mutate({ prompt: 'node 24 tide pools', size: '256x256' });
    assert.equal(viaTrpc.images.length, 1);
    step('typed tRPC client');

    await inspectorCli(`${server.url}/mcp`, authorization);
  } finally {
    await server.stop();
  }
}

/** The Inspector's CLI mode: one request per run, its result printed as JSON. */
async function inspectorCli(url: string, authorization: string) {
  assert.ok(inspector, 'MCP_INSPECTOR names the mcp-inspector bin (scripts/node24-smoke.sh sets it)');
  const run = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(
      inspector,
      ['--cli', url, '--transport', 'http', '--header', `Authorization: ${authorization}`, ...args],
      { maxBuffer: 16 * 1024 * 1024 }
    );
    return JSON.parse(stdout) as Record<string, unknown>;
  };
  const { tools } = (await run('--method', 'tools/list')) as { tools: Array<{ name: string }> };
  assert.ok(
    tools.some((tool) => tool.name === 'generate_image'),
    `tools/list names generate_image: ${tools.map((tool) => tool.name).join(', ')}`
  );
  const called = (await run(
    '--method',
    'tools/call',
    '--tool-name',
    'generate_image',
    '--tool-arg',
    'prompt=node 24 inspector lighthouse',
    '--tool-arg',
    'size=256x256'
  )) as CallToolResult;
  assert.ok(!called.isError, JSON.stringify(called.content).slice(0, 500));
  const { images } = called.structuredContent as { images: Array<{ status: string; prompt: string }> };
  assert.equal(images[0]?.status, 'completed');
  assert.equal(images[0]?.prompt, 'node 24 inspector lighthouse');
  step('MCP Inspector CLI over HTTP: tools/list and tools/call generate_image');
}

/**
 * The built `atelier-mcp` as a desktop client starts it (absolute path, in `/`), after the server stopped:
 * the embedded database admits one process at a time.
 */
async function mcpOverStdio(dataDir: string) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [ATELIER_MCP],
    cwd: '/',
    env: { ...getDefaultEnvironment(), DATA_DIR: dataDir, ATELIER_USER: E2E_ADMIN.email, ...E2E_ADMIN_ENV }
  });
  const client = new Client({ name: 'node24-smoke', version: '0.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    assert.ok(tools.some((tool) => tool.name === 'generate_image'));
    const result = (await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'node 24 harbour', size: '256x256' }
    })) as CallToolResult;
    assert.ok(!result.isError, JSON.stringify(result.content).slice(0, 500));
    step('atelier-mcp over stdio');
  } finally {
    await client.close();
  }
}

assert.ok(
  !expectedMajor || process.versions.node.split('.')[0] === expectedMajor,
  `expected Node ${expectedMajor}, running ${process.version}`
);
const dataDir = await mkdtemp(join(tmpdir(), 'atelier-smoke-'));
try {
  await restAndTrpc(dataDir);
  await mcpOverStdio(dataDir);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
step('passed');
