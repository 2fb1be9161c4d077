import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_KEY_ATTEMPTS } from '$lib/server/services/api-key-attempts';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { createApiKeyOverHttp, signIn } from '../support/e2e-auth';

const MCP_INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'throttle-test', version: '0' } }
};

describe('wrong API keys from one address', () => {
  // Its own server: once throttled, 127.0.0.1 could not use keys on the shared one for the rest of the window.
  let server: BuiltServer;
  let secret: string;

  beforeAll(async () => {
    server = await startBuiltServer({ timeoutMs: 90_000 });
    secret = await createApiKeyOverHttp(server.url, await signIn(server.url), ['read']);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const rest = (key: string) =>
    fetch(`${server.url}/api/images/history`, { headers: { authorization: `Bearer ${key}` } });
  const trpc = (key: string) =>
    fetch(`${server.url}/api/trpc/images.history`, { headers: { authorization: `Bearer ${key}` } });
  const mcp = (key: string) =>
    fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream'
      },
      body: JSON.stringify(MCP_INITIALIZE)
    });

  it('should refuse every key from the address with 429 and Retry-After over REST, tRPC and MCP', async () => {
    const doors = [rest, mcp];
    const guesses: number[] = [];
    for (let attempt = 0; attempt < FAILED_KEY_ATTEMPTS; attempt += 1) {
      guesses.push((await doors[attempt % doors.length]!(`atk_guess-${attempt}`)).status);
    }

    const answers = [await rest(secret), await trpc(secret), await mcp(secret)];

    expect(new Set(guesses)).toStrictEqual(new Set([401]));
    for (const answer of answers) {
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const [restBody, trpcBody, mcpBody] = await Promise.all(answers.map((answer) => answer.json()));
    for (const body of [restBody, mcpBody, trpcBody.error.data.error]) {
      expect(body).toMatchObject({ code: 429, kind: 'rate_limited', retryAfterMs: expect.any(Number) });
    }
  });
});
