import { createOpenAI } from '@ai-sdk/openai';
import { generateImage } from 'ai';
import { parseConfig } from '$lib/server/config';
import { createLocalProvider } from '$lib/server/providers/local';
import { createOpenAIProvider } from '$lib/server/providers/openai';
import { sharp } from '$lib/server/images/sharp';
import { startBuiltServer, type BuiltServer } from '../tests/support/built-server';
import { createApiKeyOverHttp, raiseDefaultLimits, signIn } from '../tests/support/e2e-auth';
import { startOpenAIFake, type OpenAIFake } from '../tests/fakes/openai-fake';
import { createBenchApi } from './bench-deps';
import { ensureBuiltApp } from './built-app';
import { profileStages } from './generate-stages';
import { summarize } from './stats';

const MODEL = 'gpt-image-1';
const SIZE = '1024x1024';
const QUALITY = 'low';

/** A 1024×1024 PNG with real detail (the offline renderer's), as big to decode as a vendor's picture. */
async function vendorLikePng(): Promise<Uint8Array> {
  const local = createLocalProvider();
  const call = { model: local.defaultModel, prompt: 'a harbour at dusk', width: 1024, height: 1024, count: 1, seed: 7 };
  return (await local.generate(call)).images[0]!.bytes;
}

/** The anchor: the AI SDK's `generateImage` plus one bare sharp 256 px WebP thumbnail. */
function aiSdkAnchor(fake: OpenAIFake) {
  const openai = createOpenAI({ baseURL: fake.baseUrl, apiKey: fake.apiKey });
  return async (index: number) => {
    const { image } = await generateImage({
      model: openai.image(MODEL),
      prompt: `bench ${index}`,
      size: SIZE,
      providerOptions: { openai: { quality: QUALITY } }
    });
    await sharp(image.uint8Array).resize(256, 256, { fit: 'inside' }).webp().toBuffer();
  };
}

const request = (index: number) => ({
  prompt: `bench ${index}`,
  provider: 'openai',
  model: MODEL,
  size: SIZE,
  quality: QUALITY
});

/** `POST /api/images/generate` with an API key against the built server (`node build`, PGlite on disk). */
async function restVariant(fake: OpenAIFake): Promise<{ server: BuiltServer; run: (index: number) => Promise<void> }> {
  ensureBuiltApp();
  const server = await startBuiltServer({
    // A new PGlite data dir takes seconds, many more on a busy machine.
    timeoutMs: 180_000,
    env: { LOG_LEVEL: 'silent', OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseUrl }
  });
  const cookie = await signIn(server.url);
  const apiKey = await createApiKeyOverHttp(server.url, cookie, ['read', 'generate', 'admin']);
  await raiseDefaultLimits(server.url, apiKey);
  const budget = await fetch(`${server.url}/api/trpc/admin.updateSettings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ defaultDailyBudgetUsd: 1_000_000 })
  });
  if (!budget.ok) throw new Error(`admin.updateSettings answered ${budget.status}: ${await budget.text()}`);
  return {
    server,
    async run(index) {
      const response = await fetch(`${server.url}/api/images/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify(request(index))
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`generate answered ${response.status}: ${body.slice(0, 300)}`);
    }
  };
}

async function timeOne(run: (index: number) => Promise<void>, index: number, into: number[]): Promise<void> {
  const started = performance.now();
  await run(index);
  into.push(performance.now() - started);
}

/**
 * One 1024² image from a loopback fake of OpenAI's images endpoint (tests/fakes/openai-fake.ts), answered
 * as a 1024×1024 PNG: Atelier's generate over REST (built server) and over `createCaller` (in process,
 * PGlite in memory) against the AI SDK's `generateImage` plus one sharp thumbnail, measured in one run with
 * the variants taking turns. Then the caller's request again, with each stage timed (see generate-stages.ts).
 */
export async function benchGenerateVsAiSdk(iterations = 100) {
  const png = await vendorLikePng();
  const fake = await startOpenAIFake({ pngImage: png });
  const { openai } = parseConfig({ OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseUrl }).providers;
  const bench = await createBenchApi(createOpenAIProvider(openai!));
  const rest = await restVariant(fake);
  try {
    const variants = {
      aiSdkPlusThumbnail: aiSdkAnchor(fake),
      atelierCaller: async (index: number) => void (await bench.api.images.generate(request(index))),
      atelierRest: rest.run
    };
    const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, [] as number[]]));
    for (let index = -10; index < iterations; index++) {
      for (const [name, run] of Object.entries(variants)) {
        await timeOne(run, index, index < 0 ? [] : samples[name]!);
      }
    }
    const ms = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summarize(values)]));
    const anchor = ms.aiSdkPlusThumbnail!;
    const ratio = (name: string) => ({
      p50: +(ms[name]!.p50 / anchor.p50).toFixed(2),
      p95: +(ms[name]!.p95 / anchor.p95).toFixed(2)
    });
    return {
      image: `${MODEL} ${SIZE} quality ${QUALITY}; the fake answers a detailed 1024×1024 PNG of ${png.byteLength} bytes`,
      ms,
      ratioToAnchor: { atelierRest: ratio('atelierRest'), atelierCaller: ratio('atelierCaller') },
      goal: 'ratioToAnchor.atelierRest.p50 <= 1.5',
      stages: await profileStages(fake, png, request, Math.min(iterations, 50))
    };
  } finally {
    await rest.server.stop();
    await bench.close();
    await fake.close();
  }
}
