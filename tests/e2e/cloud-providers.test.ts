import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEstimate } from '$lib/client/cost';
import type { GenerationEstimate } from '$lib/client/trpc';
import type { AppRouter, ImageDto, ProviderDto } from '$lib/server/api';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake';
import { startReplicateFake, type ReplicateFake } from '../fakes/replicate-fake';
import { startStabilityFake, type StabilityFake } from '../fakes/stability-fake';
import { launchChromium, openStudio, skipWithoutChromium } from '../support/browser';
import { freePort, startBuiltServer, type BuiltServer } from '../support/built-server';
import { saveScreenshot } from './screenshot';
import { createApiKeyOverHttp, raiseDefaultLimits, signIn } from '../support/e2e-auth';

/**
 * The built app with every cloud provider configured against its local fake (the official SDKs inside
 * the server talk to them through the base-URL settings), reached through all three doors.
 */
let openai: OpenAIFake;
let replicate: ReplicateFake;
let stability: StabilityFake;
let server: BuiltServer;
let authorization: string;
let generatable: Array<{ provider: string; model: string; size: string }>;

beforeAll(async () => {
  [openai, replicate, stability] = await Promise.all([
    startOpenAIFake(),
    startReplicateFake({ maxHoldMs: 300 }),
    startStabilityFake()
  ]);
  const port = await freePort();
  server = await startBuiltServer({
    port,
    env: {
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_ORG_ID: 'org-e2e',
      STABILITY_API_KEY: stability.apiKey,
      STABILITY_BASE_URL: stability.baseUrl,
      REPLICATE_API_TOKEN: replicate.token,
      REPLICATE_BASE_URL: replicate.baseUrl,
      REPLICATE_WEBHOOK_SECRET: replicate.webhookSecret,
      PUBLIC_URL: `http://127.0.0.1:${port}`
    }
  });
  const apiKey = await createApiKeyOverHttp(server.url, await signIn(server.url), ['read', 'generate', 'admin']);
  await raiseDefaultLimits(server.url, apiKey);
  authorization = `Bearer ${apiKey}`;
  const { providers } = (await getJson('/api/images/providers')) as { providers: ProviderDto[] };
  generatable = providers
    .filter((provider) => provider.id !== 'local')
    .flatMap((provider) =>
      provider.models
        .filter((model) => model.operations.includes('generate') && model.lifecycle.status !== 'shut_down')
        .map((model) => ({ provider: provider.id, model: model.id, size: model.defaultSize }))
    );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([openai?.close(), replicate?.close(), stability?.close()]);
});

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization } });
  expect(response.status, path).toBe(200);
  return response.json();
}

async function postJson(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  });
  return { status: response.status, body: await response.json() };
}

/** The stored file really is an image: fetched from the studio, not from the fake. */
async function expectStoredImage(image: ImageDto): Promise<void> {
  expect(image.status, `${image.provider}/${image.model}: ${image.errorMessage}`).toBe('completed');
  const file = await fetch(new URL(image.url!, server.url));
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toMatch(/^image\/(png|jpeg|webp)$/);
}

describe('cloud providers through the built server', () => {
  it('should list the configured providers with the capabilities of each model', () => {
    const providerIds = new Set(generatable.map((entry) => entry.provider));
    expect([...providerIds].sort()).toStrictEqual(['openai', 'replicate', 'stability']);
    expect(generatable.map((entry) => `${entry.provider}/${entry.model}`)).toEqual(
      expect.arrayContaining([
        'openai/gpt-image-2',
        'replicate/black-forest-labs/flux-schnell',
        'stability/core',
        'stability/sd3.5-large'
      ])
    );
  });

  it('should generate with every listed model over REST with its estimate, cost and metadata', async () => {
    for (const target of generatable) {
      const request = { ...target, prompt: `rest ${target.model}`, count: 1 };
      const estimate = await postJson('/api/images/estimate', request);
      expect(estimate.status, JSON.stringify(estimate.body)).toBe(200);
      expect(estimate.body.estimatedUsd as number, target.model).toBeGreaterThan(0);

      const { status, body } = await postJson('/api/images/generate', request);
      expect(status, JSON.stringify(body)).toBe(200);
      const [image] = body.images as ImageDto[];
      await expectStoredImage(image!);
      expect(image).toMatchObject({ provider: target.provider, model: target.model, size: target.size });
      expect(image!.costUsd, target.model).toBeGreaterThan(0);
    }
    expect(openai.requests.some((request) => request.headers['openai-organization'] === 'org-e2e')).toBe(true);
  });

  it('should generate with every listed model over tRPC', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/api/trpc`, headers: { authorization } })]
    });
    for (const target of generatable) {
      const { images } = await client.images.generate.mutate({ ...target, prompt: `trpc ${target.model}` });
      await expectStoredImage(images[0]!);
    }
  });

  it('should generate with every listed model over MCP', async () => {
    const client = new Client({ name: 'cloud-e2e', version: '0.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization } } })
    );
    try {
      for (const target of generatable) {
        const result = (await client.callTool({
          name: 'generate_image',
          arguments: { ...target, prompt: `mcp ${target.model}` }
        })) as CallToolResult;
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        const [image] = (result.structuredContent as { images: ImageDto[] }).images;
        await expectStoredImage(image!);
      }
    } finally {
      await client.close();
    }
  });

  it.skipIf(skipWithoutChromium)(
    'should generate with every listed model from the studio, showing its cost before Generate',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await openStudio(await browser.newContext(), server.url);
        for (const target of generatable) {
          const prompt = `studio ${target.provider} ${target.model}`;
          await page.locator('#model').selectOption(`${target.provider}/${target.model}`);
          await page.getByLabel('Prompt', { exact: true }).fill(prompt);
          const estimate = await postJson('/api/images/estimate', { ...target, prompt, count: 1 });
          await page.locator('.cost-hint[aria-busy="false"]').waitFor();
          await expect
            .poll(() => page.getByTestId('cost-estimate').textContent(), { timeout: 5000 })
            .toBe(describeEstimate(estimate.body as GenerationEstimate));
          await page.getByLabel('Prompt', { exact: true }).press('Control+Enter');
          const result = page.locator(`ul[aria-label="Images from the last request"] img[alt="${prompt}"]`);
          await page
            .locator(`ul[aria-label="Images from the last request"] img[alt="${prompt}"], [role="alert"]`)
            .first()
            .waitFor();
          expect(await page.getByRole('alert').allTextContents(), `${target.provider}/${target.model}`).toStrictEqual(
            []
          );
          expect(await result.count()).toBe(1);
        }
        await page.locator('#model').selectOption('openai/gpt-image-1');
        await page.getByLabel('Images', { exact: true }).selectOption('3');
        await page.locator('.cost-hint[aria-busy="false"]').waitFor();
        await saveScreenshot(page, 'cloud-desktop');
        await page.getByText('Fall back to another provider').scrollIntoViewIfNeeded();
        await saveScreenshot(page, 'cloud-desktop-settings');
        await page.setViewportSize({ width: 390, height: 844 });
        await saveScreenshot(page, 'cloud-phone');
      } finally {
        await browser.close();
      }
    },
    120_000
  );

  it('should keep answering the seed provider id dalle3, translating its settings with warnings', async () => {
    const { status, body } = await postJson('/api/images/generate', {
      provider: 'dalle3',
      prompt: 'seed client',
      quality: 'hd',
      style: 'vivid'
    });
    expect(status, JSON.stringify(body)).toBe(200);
    const [image] = body.images as ImageDto[];
    expect(image).toMatchObject({ provider: 'dalle3', model: 'gpt-image-2', quality: 'high', style: null });
    expect(image!.warnings.length).toBeGreaterThanOrEqual(2);
  });

  it('should finish a slow Replicate prediction by its signed webhook to /webhooks/replicate', async () => {
    replicate.planNext({ runMs: 1500 });
    const { status, body } = await postJson('/api/images/generate', {
      provider: 'replicate',
      model: 'black-forest-labs/flux-schnell',
      prompt: 'slow tide'
    });
    expect(status, JSON.stringify(body)).toBe(200);
    await expectStoredImage((body.images as ImageDto[])[0]!);
    await replicate.settled();
    const [delivery] = replicate.deliveries.slice(-1);
    expect(delivery).toMatchObject({ url: `${server.url}/webhooks/replicate`, status: 200 });
    const polls = replicate.requests.filter(
      (request) => request.route === 'get' && request.path.endsWith(delivery!.predictionId)
    );
    expect(polls).toHaveLength(0);
  });

  it('should refuse a webhook with a bad signature', async () => {
    const response = await fetch(`${server.url}/webhooks/replicate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9yZ2Vk'
      },
      body: JSON.stringify({ id: 'pred-forged', status: 'succeeded' })
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ kind: 'unauthorized' });
  });

  it('should report each provider reachable with its recent success rate', async () => {
    const health = (await getJson('/api/images/health')) as {
      providers: Array<{ id: string; reachable: boolean | null; recent: { completed: number } }>;
    };
    const byId = Object.fromEntries(health.providers.map((provider) => [provider.id, provider]));
    expect(byId.openai).toMatchObject({ reachable: true });
    expect(byId.replicate).toMatchObject({ reachable: true });
    expect(byId.stability).toMatchObject({ reachable: true });
    expect(byId.openai!.recent.completed).toBeGreaterThan(0);
    expect(byId.local).toMatchObject({ reachable: null });
  });
});
