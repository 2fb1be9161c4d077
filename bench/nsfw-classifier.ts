import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summarize } from './stats';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 20;

type CaseResult = { loadMs: number; firstMs: number; runsMs: number[]; maxRssMb: number };

function runCase(from: 'package' | 'cache'): CaseResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/nsfw-classifier-case.ts', from, String(RUNS)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  });
  if (child.status !== 0)
    throw new Error(`the NSFW classifier loaded from the ${from} failed with status ${child.status}`);
  return JSON.parse(child.stdout) as CaseResult;
}

/**
 * The local NSFW classifier (nsfwjs MobileNetV2, TensorFlow.js wasm): model load in a fresh process, cold
 * from the package and from the saved model cache (TensorFlow.js start included), then the warm time per
 * 1024² PNG (decode, resize to 224², inference), p50/p95 over 20 images.
 */
export async function benchNsfwClassifier() {
  const results: Record<string, unknown> = {};
  for (const from of ['package', 'cache'] as const) {
    const { loadMs, firstMs, runsMs, maxRssMb } = runCase(from);
    const result = {
      loadMs: Math.round(loadMs),
      firstClassifyMs: Math.round(firstMs),
      warmMs: summarize(runsMs),
      maxRssMb
    };
    console.error(JSON.stringify({ case: `nsfw classifier from the ${from}`, ...result }));
    results[`from ${from}`] = result;
  }
  return results;
}
