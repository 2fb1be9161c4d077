import { createLocalProvider } from '$lib/server/providers/local';
import { DOWNLOAD_FORMATS } from '$lib/server/services/downloads';
import { createBenchApi } from './bench-deps';
import { summarize, timeEach } from './stats';

/** `images.download` of a 1024² `local` render in each format (PNG with its text chunks), and the file sizes. */
export async function benchDownloads(iterations = 5) {
  const bench = await createBenchApi(createLocalProvider());
  try {
    const { images } = await bench.api.images.generate({
      prompt: 'a red lighthouse at dusk',
      size: '1024x1024',
      seed: 42
    });
    const id = images[0]!.id;
    const results: Record<string, { ms: ReturnType<typeof summarize>; bytes: number }> = {};
    for (const format of DOWNLOAD_FORMATS) {
      const { base64 } = await bench.api.images.download({ id, format, quality: 85 });
      const ms = summarize(await timeEach(iterations, () => bench.api.images.download({ id, format, quality: 85 })));
      results[format] = { ms, bytes: Buffer.from(base64, 'base64').byteLength };
    }
    return { size: '1024x1024', quality: 85, ...results };
  } finally {
    await bench.close();
  }
}
