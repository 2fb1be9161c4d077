import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summarize } from './stats';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Input side, scale, and timed runs after the first (the 1024² 4× case is the memory bound, run once). */
const CASES = [
  { size: 256, scale: 2, runs: 3 },
  { size: 512, scale: 2, runs: 3 },
  { size: 256, scale: 4, runs: 3 },
  { size: 1024, scale: 4, runs: 0 }
] as const;

const MODELS = ['esrgan-slim', 'lanczos'] as const;

type CaseResult = { firstMs: number; runsMs: number[]; maxRssMb: number };

function runCase(model: string, size: number, scale: number, runs: number): CaseResult {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/offline-upscale-case.ts', model, String(size), String(scale), String(runs)],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
  );
  if (child.status !== 0) throw new Error(`${model} ${size}² ${scale}× failed with status ${child.status}`);
  return JSON.parse(child.stdout) as CaseResult;
}

/**
 * The local provider's offline upscalers, ESRGAN slim and Lanczos3: time (the first run, then p50 of the
 * rest) and peak RSS of a process doing nothing else, per input size and scale, PNG encoding included.
 */
export async function benchOfflineUpscale() {
  const results: Record<string, unknown> = {};
  for (const { size, scale, runs } of CASES) {
    const name = `${size}→${size * scale} (${scale}×)`;
    results[name] = Object.fromEntries(
      MODELS.map((model) => {
        const { firstMs, runsMs, maxRssMb } = runCase(model, size, scale, runs);
        const result = { firstMs: Math.round(firstMs), ms: runs > 0 ? summarize(runsMs) : null, maxRssMb };
        // A long bench shows each case as it ends, on stderr: stdout is the JSON document.
        console.error(JSON.stringify({ case: name, model, ...result }));
        return [model, result];
      })
    );
  }
  return results;
}
