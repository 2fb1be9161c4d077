import { encodeRgba } from '$lib/server/images';
import { createLocalProvider } from '$lib/server/providers/local';
import type { EditCall, InputImage } from '$lib/server/providers/types';
import { summarize, timeEach } from './stats';

const SIZE = 1024;

async function pngInput(pixels: Uint8Array): Promise<InputImage> {
  return { bytes: await encodeRgba(pixels, SIZE, SIZE, 'png'), mediaType: 'image/png', width: SIZE, height: SIZE };
}

/** A grey mask of `SIZE`² whose grey level is `level(x, y)` (255 = change). */
function maskPixels(level: (x: number, y: number) => number): Uint8Array {
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0, offset = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++, offset += 4)
      pixels.fill(level(x, y), offset, offset + 3).fill(255, offset + 3, offset + 4);
  }
  return pixels;
}

/**
 * The `local` provider's edits of a 1024² PNG, from input bytes to output PNG (decode, procedural render on
 * the render pool, colour statistics, compositing, encode): inpaint with a feathered half mask, a variation,
 * and the colour transfer from a look and from a style image. Without a prompt the fill is recoloured to the
 * source, which is the slower path. A plain 1024² generation is timed beside them for scale. CPU time (all
 * threads, the render worker's included) is reported beside wall time because the machine is often shared.
 */
export async function benchLocalEdits(runs = 8) {
  const local = createLocalProvider();
  if (!local.edit) throw new Error('the local provider has no edit');
  const edit = local.edit.bind(local);
  const render = (prompt: string, seed: number) =>
    local.generate({ model: 'procedural-v1', prompt, width: SIZE, height: SIZE, count: 1, seed });
  const image: InputImage = {
    ...(await render('a red sunset over the ocean', 1)).images[0]!,
    width: SIZE,
    height: SIZE
  };
  const styleImage: InputImage = { ...(await render('misty teal forest', 2)).images[0]!, width: SIZE, height: SIZE };
  const mask = await pngInput(maskPixels((x) => Math.max(0, Math.min(255, Math.round((x - 384) * 2)))));
  const calls: Record<string, (seed: number) => EditCall> = {
    inpaint: (seed) => ({ operation: 'inpaint', model: 'procedural-v1', image, mask, count: 1, seed }),
    inpaintWithPrompt: (seed) => ({
      operation: 'inpaint',
      model: 'procedural-v1',
      image,
      mask,
      prompt: 'violet stars',
      count: 1,
      seed
    }),
    variation: (seed) => ({ operation: 'variation', model: 'procedural-v1', image, count: 1, seed }),
    restyleLook: () => ({ operation: 'style', model: 'color-transfer', image, style: 'warm-film', count: 1 }),
    restyleStyleImage: () => ({
      operation: 'style',
      model: 'color-transfer',
      image,
      extraImages: [styleImage],
      count: 1
    })
  };
  const runners: Record<string, (seed: number) => Promise<unknown>> = {
    generateForReference: (seed) => render('a red sunset over the ocean', seed),
    ...Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, (seed: number) => edit(call(seed))]))
  };
  const results: Record<string, { wallMs: ReturnType<typeof summarize>; cpuMs: ReturnType<typeof summarize> }> = {};
  for (const [name, run] of Object.entries(runners)) {
    await timeEach(2, run);
    const cpuMs: number[] = [];
    const wallMs = await timeEach(runs, async (index) => {
      const before = process.cpuUsage();
      await run(100 + index);
      const { user, system } = process.cpuUsage(before);
      cpuMs.push((user + system) / 1000);
    });
    results[name] = { wallMs: summarize(wallMs), cpuMs: summarize(cpuMs) };
  }
  return { size: `${SIZE}x${SIZE}`, runs, results };
}
