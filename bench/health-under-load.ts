import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBuiltServer, type BuiltServer } from '../tests/support/built-server';
import { createApiKeyOverHttp, raiseDefaultLimits, signIn } from '../tests/support/e2e-auth';
import { ensureBuiltApp } from './built-app';
import { summarize, timeEach } from './stats';

const GENERATION = { provider: 'local', size: '1024x1024', count: 10 };
/** Pause between two health probes, so the probes measure the server and do not load it themselves. */
const PROBE_GAP_MS = 20;
/** The load is bounded: a run that takes longer than this stops and says so. */
const LOAD_DEADLINE_MS = 5 * 60_000;

async function timeHealth(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/images/health`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`health answered ${response.status}`);
  return performance.now() - started;
}

async function probeUntil(url: string, done: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!done()) {
    samples.push(await timeHealth(url));
    await sleep(PROBE_GAP_MS);
  }
  return samples;
}

async function generate(server: BuiltServer, apiKey: string, index: number): Promise<number> {
  const response = await fetch(`${server.url}/api/images/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ ...GENERATION, prompt: `health under load ${index}`, seed: (index + 1) * 100 }),
    signal: AbortSignal.timeout(LOAD_DEADLINE_MS)
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`generate answered ${response.status}: ${body.slice(0, 300)}`);
  return GENERATION.count;
}

/**
 * `GET /api/images/health` latency over HTTP against the built server (`node build`, PGlite, the `local`
 * renderer) while `concurrent` count-10 1024² generations run at once, next to the same probe on an
 * idle server. The goal: p95 under 250 ms under this load.
 */
export async function benchHealthUnderLoad(concurrent = 16) {
  ensureBuiltApp();
  const server = await startBuiltServer({ env: { LOG_LEVEL: 'silent' } });
  try {
    const cookie = await signIn(server.url);
    const apiKey = await createApiKeyOverHttp(server.url, cookie, ['read', 'generate', 'admin']);
    await raiseDefaultLimits(server.url, apiKey);
    for (let warmUp = 0; warmUp < 5; warmUp++) await timeHealth(server.url);
    await generate(server, apiKey, -1);

    const idle = await timeEach(50, () => timeHealth(server.url));

    let finished = false;
    const started = performance.now();
    const load = Promise.all(Array.from({ length: concurrent }, (_, index) => generate(server, apiKey, index)));
    load.then(
      () => (finished = true),
      () => (finished = true)
    );
    const underLoad = await probeUntil(server.url, () => finished);
    const images = (await load).reduce((sum, count) => sum + count, 0);
    const loadMs = performance.now() - started;

    return {
      load: `${concurrent} concurrent POST /api/images/generate ${JSON.stringify(GENERATION)}`,
      cores: availableParallelism(),
      images,
      loadSeconds: Math.round(loadMs / 100) / 10,
      imagesPerSecond: Math.round((images / loadMs) * 10_000) / 10,
      healthIdleMs: summarize(idle),
      healthUnderLoadMs: summarize(underLoad),
      goal: 'healthUnderLoadMs.p95 < 250'
    };
  } finally {
    await server.stop();
  }
}
