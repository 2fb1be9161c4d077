import { makeEdgeImage } from '../src/lib/server/images/__fixtures__/edge-image';
import { createLocalProvider } from '../src/lib/server/providers/local';

/**
 * One case of `offline-upscale.ts`, in a process of its own so its peak RSS is the case's alone:
 * `node --import tsx bench/offline-upscale-case.ts <model> <size> <scale> <runs>` prints
 * `{ firstMs, runsMs, maxRssMb }` as JSON. ESRGAN runs as in the server, on the local provider's worker
 * thread (whose memory is this process's); the first run includes starting it and loading the network.
 */
const [model = 'esrgan-slim', size = '256', scale = '2', runs = '3'] = process.argv.slice(2);
const side = Number(size);
const bytes = await makeEdgeImage(side);
const provider = createLocalProvider();
const upscaleOnce = async () => {
  const started = performance.now();
  await provider.edit!({
    operation: 'upscale',
    model,
    image: { bytes, mediaType: 'image/png', width: side, height: side },
    scale: Number(scale) === 4 ? 4 : 2,
    count: 1
  });
  return performance.now() - started;
};
const firstMs = await upscaleOnce();
const runsMs: number[] = [];
for (let run = 0; run < Number(runs); run++) runsMs.push(await upscaleOnce());
console.log(JSON.stringify({ firstMs, runsMs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
