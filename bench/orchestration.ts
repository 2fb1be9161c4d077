import { createLocalProvider } from '$lib/server/providers/local';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import { createBenchApi } from './bench-deps';
import { summarize, timeEach } from './stats';

/**
 * What `images.generate` adds on top of the provider call (validation, rows, sharp inspect + thumbnail,
 * two blob writes), measured with a provider that returns one fixed 512×512 PNG at once.
 */
export async function benchOrchestration(iterations = 150) {
  const local = createLocalProvider();
  const fixed = (
    await local.generate({ model: local.defaultModel, prompt: 'fixed', width: 512, height: 512, count: 1, seed: 1 })
  ).images[0]!;
  const instant: ImageProviderV1 = {
    ...local,
    generate: async () => ({ images: [fixed], warnings: [], costUsd: 0 })
  };
  const bench = await createBenchApi(instant);
  try {
    const call = { model: local.defaultModel, prompt: 'p', width: 512, height: 512, count: 1 };
    await timeEach(10, () => instant.generate(call));
    await timeEach(10, () => bench.api.images.generate({ prompt: 'warm-up', size: '512x512' }));
    const bare = summarize(await timeEach(iterations, () => instant.generate(call)));
    const full = summarize(
      await timeEach(iterations, (i) => bench.api.images.generate({ prompt: `bench ${i}`, size: '512x512' }))
    );
    return {
      image: '512x512 PNG, fixed bytes',
      bareProviderMs: bare,
      generateProcedureMs: full,
      overheadMs: { p50: +(full.p50 - bare.p50).toFixed(3), p95: +(full.p95 - bare.p95).toFixed(3) }
    };
  } finally {
    await bench.close();
  }
}
