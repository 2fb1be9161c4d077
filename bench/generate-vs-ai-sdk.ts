import { createOpenAI } from '@ai-sdk/openai';
import { generateImage } from 'ai';
import { parseConfig } from '$lib/server/config';
import { createLocalProvider } from '$lib/server/providers/local';
import { createOpenAIProvider } from '$lib/server/providers/openai';
import { encodeRgba } from '$lib/server/images';
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

/**
 * The 1024×1024 PNGs the fake answers: one with real detail (the offline renderer's), as costly to decode
 * as a vendor's picture, and one flat colour (what the fake itself paints), where decoding costs little and
 * the rest of the request shows.
 */
async function benchPictures(): Promise<Record<'detailed' | 'flat', Uint8Array>> {
  const local = createLocalProvider();
  const call = { model: local.defaultModel, prompt: 'a harbour at dusk', width: 1024, height: 1024, count: 1, seed: 7 };
  const flat = new Uint8Array(1024 * 1024 * 4);
  for (let offset = 0; offset < flat.length; offset += 4) flat.set([40, 90, 160, 255], offset);
  return {
    detailed: (await local.generate(call)).images[0]!.bytes,
    flat: await encodeRgba(flat, 1024, 1024, 'png')
  };
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

type Variant = (index: number) => Promise<void>;

/** The variants take turns, so a busy moment of the machine falls on all of them alike. */
async function compare(variants: Record<string, Variant>, iterations: number) {
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, [] as number[]]));
  for (let index = -10; index < iterations; index++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = performance.now();
      await run(index);
      if (index >= 0) samples[name]!.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summarize(values)]));
}

/**
 * One 1024² image from a loopback fake of OpenAI's images endpoint (tests/fakes/openai-fake.ts), answered
 * as a 1024×1024 PNG: Atelier's generate over REST (built server, PGlite on disk) and over `createCaller`
 * (in process, PGlite in memory) against the AI SDK's `generateImage` plus one sharp thumbnail, measured in
 * one run, for a detailed and a flat picture. Then the REST request in process with each stage timed
 * (generate-stages.ts).
 */
export async function benchGenerateVsAiSdk(iterations = 100) {
  const pictures = await benchPictures();
  const fake = await startOpenAIFake();
  const { openai } = parseConfig({ OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseUrl }).providers;
  const bench = await createBenchApi(createOpenAIProvider(openai!));
  const rest = await restVariant(fake);
  const variants = {
    aiSdkPlusThumbnail: aiSdkAnchor(fake),
    atelierCaller: async (index: number) => void (await bench.api.images.generate(request(index))),
    atelierRest: rest.run
  };
  try {
    const results: Record<string, unknown> = { request: `${MODEL} ${SIZE} quality ${QUALITY}, one image` };
    for (const [name, png] of Object.entries(pictures)) {
      fake.answerPngWith(png);
      const ms = await compare(variants, iterations);
      const anchor = ms.aiSdkPlusThumbnail!;
      const ratio = (variant: string) => ({
        p50: +(ms[variant]!.p50 / anchor.p50).toFixed(2),
        p95: +(ms[variant]!.p95 / anchor.p95).toFixed(2)
      });
      results[`${name}Png`] = {
        pngBytes: png.byteLength,
        ms,
        ratioToAnchor: { atelierRest: ratio('atelierRest'), atelierCaller: ratio('atelierCaller') },
        stages: await profileStages(fake, png, request, Math.min(iterations, 50))
      };
    }
    return { ...results, goal: 'ratioToAnchor.atelierRest.p50 <= 1.5' };
  } finally {
    await rest.server.stop();
    await bench.close();
    await fake.close();
  }
}
