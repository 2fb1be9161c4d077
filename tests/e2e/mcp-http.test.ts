import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';

const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;

function historyPage(limit: number) {
  return fetch(`${serverUrl}/api/images/history?limit=${limit}`, { headers: { authorization } }).then((response) =>
    response.json()
  );
}

let client: Client;

beforeEach(async () => {
  client = new Client({ name: 'http-test', version: '0.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), { requestInit: { headers: { authorization } } })
  );
});

afterEach(async () => {
  await client?.close();
});

describe('POST /mcp', () => {
  it('should generate an image that the REST history and the image resource both show', async () => {
    const result = (await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'http lighthouse', size: '256x256' }
    })) as CallToolResult;

    expect(result.isError).toBeFalsy();
    const [image] = (result.structuredContent as { images: Array<{ id: string; status: string }> }).images;
    expect(image?.status).toBe('completed');

    const history = await historyPage(10);
    expect(history.images.map((entry: { id: string }) => entry.id)).toContain(image!.id);

    const { contents } = await client.readResource({ uri: `atelier://images/${image!.id}` });
    const bytes = Buffer.from((contents[0] as { blob: string }).blob, 'base64');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const preview = await client.readResource({ uri: `atelier://images/${image!.id}/preview` });
    expect(preview.contents[0]?.mimeType).toBe('image/webp');
  });

  it('should give absolute file urls that a remote agent can fetch', async () => {
    const result = (await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'absolute lighthouse', size: '256x256' }
    })) as CallToolResult;

    const [image] = (result.structuredContent as { images: Array<{ url: string }> }).images;
    expect(image!.url).toMatch(/^http:\/\/[^/]+\/files\/images\/.+\.png$/);
    const file = await fetch(image!.url);
    expect([file.status, file.headers.get('content-type')]).toStrictEqual([200, 'image/png']);
  });

  it('should answer bad input with a tool error that names the kind, storing nothing', async () => {
    const before = (await historyPage(1)).total;

    const result = (await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'cat', provider: 'dall-e-9' }
    })) as CallToolResult;

    expect(result.isError).toBe(true);
    expect(result.content).toStrictEqual([
      { type: 'text', text: expect.stringMatching(/^validation: Unknown provider "dall-e-9"/) }
    ]);
    expect((await historyPage(1)).total).toBe(before);
    expect(result.structuredContent).toMatchObject({ kind: 'validation', code: 400 });
  });

  it('should carry the RateLimit-* headers of the procedures on a JSON answer', async () => {
    const response = await fetch(`${serverUrl}/mcp`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'list_providers', arguments: {} }
      })
    });

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).result.isError).toBeFalsy();
    expect(Number(response.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
    expect(response.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
  });
});

describe('POST /mcp without a valid key', () => {
  it('should refuse the MCP client with 401 before any tool runs', async () => {
    const anonymous = new Client({ name: 'anonymous', version: '0.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), {
      requestInit: { headers: { authorization: 'Bearer atk_revoked-or-made-up' } }
    });

    await expect(anonymous.connect(transport)).rejects.toThrow(/401|unauthorized/i);
  });
});

describe('GET /mcp', () => {
  it('should say the stateless endpoint takes POST only', async () => {
    const response = await fetch(`${serverUrl}/mcp`, { headers: { accept: 'text/event-stream' } });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
