import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyNsfw, encodeRgba, loadNsfwModel } from '../src/lib/server/images';
import { renderImage } from '../src/lib/server/providers/local/render';

/**
 * One load of `nsfw-classifier.ts`, in a process of its own so TensorFlow.js starts afresh:
 * `node --import tsx bench/nsfw-classifier-case.ts <package|cache> <runs>` prints
 * `{ loadMs, firstMs, runsMs, maxRssMb }` as JSON. `package` decodes the weights nsfwjs ships (and saves
 * them to a temporary cache); `cache` saves them first, untimed, then times the load from the saved files.
 * Each run classifies a different 1024² image the offline provider painted, decoding and resizing included.
 */
const [from = 'package', runs = '20', saveTo] = process.argv.slice(2);
if (from === 'save' && saveTo) {
  await loadNsfwModel(saveTo);
  process.exit(0);
}

async function loadInChild(cacheDirectory: string): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const saved = spawnSync(process.execPath, ['--import', 'tsx', script, 'save', '0', cacheDirectory], {
    stdio: 'inherit'
  });
  if (saved.status !== 0) throw new Error('saving the model cache failed');
}
const side = 1024;
const images = await Promise.all(
  Array.from({ length: Number(runs) + 1 }, (_, seed) =>
    encodeRgba(
      renderImage({ prompt: 'a portrait by a window', seed, width: side, height: side, style: 'natural' }),
      side,
      side
    )
  )
);
const cacheDirectory = await mkdtemp(join(tmpdir(), 'atelier-nsfw-bench-'));
// Saved by a process of its own, so this one's TensorFlow.js start is timed with the cached load.
if (from === 'cache') await loadInChild(cacheDirectory);
const started = performance.now();
const model = await loadNsfwModel(cacheDirectory);
const loadMs = performance.now() - started;
if (model.loadedFrom !== from) throw new Error(`expected a load from the ${from}, got ${model.loadedFrom}`);
const timed = async (bytes: Uint8Array) => {
  const start = performance.now();
  await classifyNsfw(model, bytes);
  return performance.now() - start;
};
const firstMs = await timed(images[0]!);
const runsMs: number[] = [];
for (const bytes of images.slice(1)) runsMs.push(await timed(bytes));
await rm(cacheDirectory, { recursive: true, force: true });
console.log(JSON.stringify({ loadMs, firstMs, runsMs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
