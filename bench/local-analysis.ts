import sharp from 'sharp';
import { measurePixels } from '$lib/server/images';
import { createLocalProvider } from '$lib/server/providers/local';
import { describeLocally } from '$lib/server/services/analysis/describe-locally';
import { summarize, timeEach } from './stats';

const SIZES = [512, 1024, 1792];

/**
 * The local analyzer's warm time per image (`images.analyze` without Claude, from PNG bytes to tags and
 * description: decode, shrink to the working size, lightness, Laplacian, palette), for square PNGs of the
 * local provider's rendering at each size. Two runs warm up first; CPU time beside wall time, as the machine
 * is often shared.
 */
export async function benchLocalAnalysis(runs = 20) {
  const local = createLocalProvider();
  const rendered = await local.generate({
    model: 'procedural-v1',
    prompt: 'a red lighthouse on a stormy coast at dusk',
    width: 1024,
    height: 1024,
    count: 1,
    seed: 7
  });
  const results: Record<
    string,
    { bytes: number; wallMs: ReturnType<typeof summarize>; cpuMs: ReturnType<typeof summarize> }
  > = {};
  for (const size of SIZES) {
    const png = new Uint8Array(await sharp(rendered.images[0]!.bytes).resize(size, size).png().toBuffer());
    const analyze = async () => describeLocally(await measurePixels(png), null);
    await timeEach(2, analyze);
    const cpuMs: number[] = [];
    const wallMs = await timeEach(runs, async () => {
      const before = process.cpuUsage();
      await analyze();
      const { user, system } = process.cpuUsage(before);
      cpuMs.push((user + system) / 1000);
    });
    results[`${size}x${size}`] = { bytes: png.byteLength, wallMs: summarize(wallMs), cpuMs: summarize(cpuMs) };
  }
  return { runs, results };
}
