import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '$lib/server/api';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake';
import { launchChromium, openStudio, skipWithoutChromium } from '../support/browser';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import {
  callCanceledAfterFirstImage,
  expectCanceledBatch,
  expectProgressInOrder,
  slowBatch,
  SLOW_VENDOR_STEP_MS,
  staggeredVendor
} from '../support/cancel-scenario';
import { createApiKeyOverHttp, raiseDefaultLimits, signIn } from '../support/e2e-auth';
import { readGenerationRecords } from '../support/generation-records';
import { saveScreenshot } from './screenshot';

/**
 * The built server with OpenAI configured against a slow fake: every door's way of giving up on a
 * ten-image request (MCP's notifications/cancelled, a client that hangs up, the studio's Cancel) ends
 * the unfinished images `canceled` and frees the budget, as the database shows once the server stopped.
 */
const vendor = staggeredVendor();
let openai: OpenAIFake;
let dataDir: string;
let env: Record<string, string>;
let server: BuiltServer;
let authorization: string;
let browser: Browser | undefined;
/** Each test stops the server to read its database and starts it again, which takes a while on a busy machine. */
const WITH_RESTART = { timeout: 180_000 };
/** Reservations an earlier test already accounted for. */
const seenReservations = new Set<string>();

beforeAll(async () => {
  openai = await startOpenAIFake({ delayMs: vendor.delayMs });
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-cancel-'));
  env = { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl };
  server = await startBuiltServer({ dataDir, env });
  const apiKey = await createApiKeyOverHttp(server.url, await signIn(server.url), ['read', 'generate', 'admin']);
  await raiseDefaultLimits(server.url, apiKey);
  authorization = `Bearer ${apiKey}`;
  if (!skipWithoutChromium) browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await openai?.close();
  await rm(dataDir, { recursive: true, force: true });
});

type HistoryImage = { id: string; prompt: string; status: string };

async function imagesOf(prompt: string): Promise<HistoryImage[]> {
  const response = await fetch(`${server.url}/api/images/history?limit=100`, { headers: { authorization } });
  const { images } = (await response.json()) as { images: HistoryImage[] };
  return images.filter((image) => image.prompt === prompt);
}

/** Waits until the server ended every image of `prompt` (a cancelled request ends them after its answer). */
async function untilEnded(prompt: string): Promise<void> {
  while ((await imagesOf(prompt)).some((image) => ['pending', 'generating'].includes(image.status))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The rows of `prompt` and the reservations made since the last call, read from the stopped server's database. */
async function recordsOf(prompt: string) {
  await untilEnded(prompt);
  await server.stop();
  const records = await readGenerationRecords(dataDir);
  server = await startBuiltServer({ dataDir, env });
  const reservations = records.reservations.filter((reservation) => !seenReservations.has(reservation.id));
  for (const reservation of reservations) seenReservations.add(reservation.id);
  return { images: records.images.filter((image) => image.prompt === prompt), reservations };
}

function connectMcp(): Promise<Client> {
  const client = new Client({ name: 'cancel-test', version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: { headers: { authorization } }
  });
  return client.connect(transport).then(() => client);
}

/**
 * Resolves once the fake received the batch's first image request (the prompt's moderation request before it
 * does not count), then half a step after it was answered.
 */
async function afterFirstImage(): Promise<void> {
  const imageRequests = () => openai.requests.filter((request) => request.path.startsWith('/v1/images/')).length;
  const before = imageRequests();
  while (imageRequests() === before) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, SLOW_VENDOR_STEP_MS * 1.5));
}

describe('generate_image over Streamable HTTP', () => {
  it(
    'should stream progress in order and, on notifications/cancelled, end the rest canceled and free the budget',
    WITH_RESTART,
    async () => {
      vendor.restart();
      const batch = slowBatch('a slow harbour over MCP HTTP');
      const client = await connectMcp();
      const progress = await callCanceledAfterFirstImage(client, batch);
      await client.close();
      expectProgressInOrder(progress, batch.count);
      expectCanceledBatch(await recordsOf(batch.prompt));
    }
  );

  it('should cancel the call when the client closes its connection mid-call', WITH_RESTART, async () => {
    vendor.restart();
    const batch = slowBatch('a slow harbour, MCP client gone');
    const client = await connectMcp();

    const call = client.callTool({ name: 'generate_image', arguments: batch }, undefined, {
      onprogress: (update) => {
        if (update.progress >= 1) void client.close();
      }
    });

    await expect(call).rejects.toThrow();
    expectCanceledBatch(await recordsOf(batch.prompt));
  });

  it('should answer a client that accepts only JSON with the result as JSON', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'generate_image', arguments: { prompt: 'json only', provider: 'local', size: '256x256' } }
      })
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { id: number; result: { structuredContent: { images: HistoryImage[] } } };
    expect(body.id).toBe(1);
    expect(body.result.structuredContent.images.map((image) => image.status)).toStrictEqual(['completed']);
  });
});

describe('a client that disconnects mid-call', () => {
  it('should cancel POST /api/images/generate', WITH_RESTART, async () => {
    vendor.restart();
    const batch = slowBatch('a slow harbour over REST');
    const hangUp = new AbortController();

    const call = fetch(`${server.url}/api/images/generate`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
      signal: hangUp.signal
    });
    await afterFirstImage();
    hangUp.abort();

    await expect(call).rejects.toThrow();
    expectCanceledBatch(await recordsOf(batch.prompt));
  });

  it('should cancel images.generate over tRPC HTTP', WITH_RESTART, async () => {
    vendor.restart();
    const batch = slowBatch('a slow harbour over tRPC');
    const trpc = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/api/trpc`, headers: { authorization } })]
    });
    const hangUp = new AbortController();

    const call = trpc.images.generate.mutate(batch, { signal: hangUp.signal });
    await afterFirstImage();
    hangUp.abort();

    await expect(call).rejects.toThrow();
    expectCanceledBatch(await recordsOf(batch.prompt));
  });
});

describe('the studio', () => {
  it.skipIf(skipWithoutChromium)(
    'should show each image of a running request, cancel it with Cancel and show how every image ended',
    WITH_RESTART,
    async () => {
      vendor.restart();
      const batch = slowBatch('a slow harbour in the studio');
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await openStudio(context, server.url);
      await page.getByRole('textbox', { name: 'Prompt' }).fill(batch.prompt);
      await page.locator('#model').selectOption(`${batch.provider}/${batch.model}`);
      await page.getByLabel('Images', { exact: true }).selectOption(String(batch.count));

      await page.getByRole('button', { name: 'Generate' }).click();
      const results = page.getByRole('list', { name: 'Images from the last request' });
      await results.getByRole('img').first().waitFor();
      await saveScreenshot(page, 'studio-generating');
      expect(await results.getByText('Making…').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();

      await page.getByRole('button', { name: 'Generate', exact: true }).waitFor();
      await saveScreenshot(page, 'studio-canceled');
      const tiles = await results.getByRole('listitem').count();
      const stored = await results.getByRole('img').count();
      expect(tiles).toBe(batch.count);
      const canceled = { name: new RegExp(`^Image \\d+ of \\d+ \\(canceled\\): ${batch.prompt}$`) };
      expect(await results.getByRole('button', canceled).count()).toBe(batch.count - stored);
      // The request shows once, as the results; History does not repeat it.
      const history = page.getByRole('list', { name: 'Your earlier images, newest first' });
      expect(await history.getByRole('button', canceled).count()).toBe(0);
      await context.close();
      expectCanceledBatch(await recordsOf(batch.prompt));
    }
  );
});
