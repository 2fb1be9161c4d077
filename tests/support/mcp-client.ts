import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { createActorCaller, ZGenerateOutput, type ImageDto } from '$lib/server/api';
import { linkBaseUrl } from '$lib/server/config';
import { createMcpServer } from '../../mcp/server';
import type { Actor } from '$lib/server/services/users';
import { createTestDeps, type TestDeps } from './test-deps';

/**
 * The SDK's own client, connected in memory to Atelier's MCP server acting as `actor` (default `deps.actor`);
 * pass `client` to connect one with capabilities and handlers of its own (elicitation, logging).
 */
export async function connectMcpClient(
  deps: TestDeps,
  actor: Actor = deps.actor,
  client = new Client({ name: 'tools-test', version: '0.0.0' })
): Promise<Client> {
  const server = createMcpServer((options) => createActorCaller(deps, actor, options), {
    scopes: actor.scopes,
    publicUrl: linkBaseUrl(deps.config)
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

/**
 * A suite's own test deps and MCP client: made before its tests, closed after them. Read `deps` and `client`
 * inside hooks and tests (they are set once `beforeAll` has run).
 */
export function useMcpTestClient(options?: Parameters<typeof createTestDeps>[0]): { deps: TestDeps; client: Client } {
  const suite = {} as { deps: TestDeps; client: Client };
  beforeAll(async () => {
    suite.deps = await createTestDeps(options);
    suite.client = await connectMcpClient(suite.deps);
  });
  afterAll(async () => {
    await suite.client?.close();
    await suite.deps?.close();
  });
  return suite;
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {}
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export function blocksOf<Type extends ContentBlock['type']>(result: CallToolResult, type: Type) {
  return result.content.filter((block): block is Extract<ContentBlock, { type: Type }> => block.type === type);
}

export function textOf(result: CallToolResult): string {
  return blocksOf(result, 'text')
    .map((block) => block.text)
    .join('\n');
}

/** An image tool's images, after checking it succeeded and answered the output schema. */
export function imagesOf(result: CallToolResult): ImageDto[] {
  expect(result.isError, textOf(result)).toBeFalsy();
  return ZGenerateOutput.parse(result.structuredContent).images;
}
