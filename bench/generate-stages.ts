import { parseConfig } from '$lib/server/config';
import type { z } from 'zod';
import { createActorCaller, ZGenerateInput } from '$lib/server/api';
import { inspectWithThumbnail } from '$lib/server/images';
import { createOpenAIProvider } from '$lib/server/providers/openai';
import { attemptApiKey } from '$lib/server/services/api-key-attempts';
import { createApiKey } from '$lib/server/services/api-keys';
import { planGeneration } from '$lib/server/services/generation/plan-generate';
import { withAbsoluteUrls } from '$lib/server/services/image-dto';
import type { OpenAIFake } from '../tests/fakes/openai-fake';
import { createBenchApi } from './bench-deps';
import {
  createStageRecorder,
  instrumentPglite,
  timedLimiter,
  timedProvider,
  timedStorage,
  type StageRecorder
} from './stage-profile';
import { summarize } from './stats';

/** Runs `run` and adds its time to `stage`; for steps measured on their own, beside the request. */
async function measure<T>(recorder: StageRecorder, stage: string, run: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  recorder.add(stage, performance.now() - started);
  return result;
}

/**
 * Atelier's REST request taken apart, in process: the API key checked as the REST door checks it, the
 * procedure through the caller, the seed envelope serialised. PGlite statements, the limiter, blob writes and
 * the provider call are timed where they run (stage-profile.ts); planning, decoding and the thumbnail are
 * timed on their own on the same input right after each request (marked "measured apart"), and what is
 * left of the request's time (tRPC, zod, orchestration) is "other".
 */
export async function profileStages(
  fake: OpenAIFake,
  /** What the fake answers with. */
  png: Uint8Array,
  request: (index: number) => z.input<typeof ZGenerateInput>,
  iterations: number
) {
  const recorder = createStageRecorder();
  const { openai } = parseConfig({ OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseUrl }).providers;
  const bench = await createBenchApi(timedProvider(createOpenAIProvider(openai!), recorder));
  const { deps, actor } = bench;
  const { secret } = await createApiKey(deps, actor, { name: 'bench', scopes: ['read', 'generate'] });
  deps.limiter = timedLimiter(deps.limiter, recorder);
  deps.storage = timedStorage(deps.storage, recorder);
  instrumentPglite(deps.db, recorder);
  const requests: Array<{ total: number; statements: number; stages: Map<string, number> }> = [];
  try {
    for (let index = -5; index < iterations; index++) {
      const input = ZGenerateInput.parse(request(index));
      const started = performance.now();
      const attempt = await attemptApiKey(deps, secret, '127.0.0.1');
      if (attempt.outcome !== 'accepted') throw new Error(`the bench key was ${attempt.outcome}`);
      const api = createActorCaller(deps, attempt.actor, { authMethod: 'api_key' });
      const { images, warnings } = await api.images.generate(input);
      await measure(recorder, 'response', () =>
        JSON.stringify({
          success: true,
          images: images.map((image) => withAbsoluteUrls(image, 'http://127.0.0.1')),
          count: images.length,
          warnings
        })
      );
      const total = performance.now() - started;

      const apart = createStageRecorder();
      await measure(apart, 'plan (measured apart)', () => planGeneration(deps, attempt.actor, input));
      await measure(apart, 'decode/inspect + thumbnail, one decode (measured apart)', () => inspectWithThumbnail(png));
      const { stages, statements } = recorder.take();
      for (const [stage, ms] of apart.take().stages) stages.set(stage, ms);
      const accounted = [...stages.values()].reduce((sum, ms) => sum + ms, 0);
      stages.set('other (tRPC, zod, orchestration)', Math.max(0, total - accounted));
      if (index >= 0) requests.push({ total, statements, stages });
    }
  } finally {
    await bench.close();
  }
  const names = [...new Set(requests.flatMap((entry) => [...entry.stages.keys()]))];
  const meanTotal = requests.reduce((sum, entry) => sum + entry.total, 0) / requests.length;
  const stagesMs = Object.fromEntries(
    names.map((name) => {
      const { p50, mean } = summarize(requests.map((entry) => entry.stages.get(name) ?? 0));
      return [name, { p50, mean, shareOfMean: `${Math.round((mean / meanTotal) * 100)}%` }];
    })
  );
  return {
    requestMs: summarize(requests.map((entry) => entry.total)),
    sqlStatementsPerRequest: summarize(requests.map((entry) => entry.statements)).p50,
    stagesMs
  };
}
