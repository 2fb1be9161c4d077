import { sql } from 'drizzle-orm';
import { createLocalProvider } from '$lib/server/providers/local';
import { createBenchApi } from './bench-deps';
import { summarize, timeEach } from './stats';

/** `images.history` latency over 100 000 completed rows of one user in PGlite. */
export async function benchHistory(rows = 100_000, iterations = 100) {
  const bench = await createBenchApi(createLocalProvider());
  try {
    const seeded = performance.now();
    await bench.deps.db.execute(sql`
      insert into generated_images (user_id, prompt, provider, model, size, status, storage_path, thumbnail_path,
        width, height, format, file_size, created_at, completed_at)
      select ${bench.actor.id}::uuid, 'prompt number ' || n, 'local', 'procedural-v1', '512x512', 'completed',
        'images/2026/11/' || gen_random_uuid() || '.png', 'images/2026/11/' || gen_random_uuid() || '-thumb.webp',
        512, 512, 'png', 300000, now() - (n || ' seconds')::interval, now() - (n || ' seconds')::interval
      from generate_series(1, ${rows}) as n`);
    const seedMs = performance.now() - seeded;

    const firstPage = summarize(await timeEach(iterations, () => bench.api.images.history({ limit: 20 })));
    const deepOffset = summarize(
      await timeEach(iterations, () => bench.api.images.history({ limit: 20, offset: 50_000 }))
    );
    const page = await bench.api.images.history({ limit: 20, offset: 50_000 });
    const cursor = page.nextCursor ?? undefined;
    const deepCursor = summarize(await timeEach(iterations, () => bench.api.images.history({ limit: 20, cursor })));
    return {
      rows,
      seedMs: Math.round(seedMs),
      firstPageMs: firstPage,
      offset50kMs: deepOffset,
      cursorAt50kMs: deepCursor
    };
  } finally {
    await bench.close();
  }
}
