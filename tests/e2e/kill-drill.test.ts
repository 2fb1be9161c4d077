import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db/client';
import { generatedImages } from '$lib/server/db/schema';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { createApiKeyOverHttp, raiseDefaultLimits, signIn } from '../support/e2e-auth';
import { listFiles } from '../support/files';

/** Short, so rows left by a killed server are past it soon after the last restart. */
const OPERATION_TIMEOUT_MS = 8_000;
const KILLS = 3;
/** One round's load: concurrent requests of several sizes, from one image to the most a request takes. */
const COUNTS = [1, 2, 3, 4, 6, 10];

type Image = {
  id: string;
  status: string;
  errorMessage: string | null;
  url: string | null;
  thumbnailUrl: string | null;
};

const UNFINISHED = new Set(['pending', 'generating']);

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Files under the image store, or none before its folder exists. */
function storedFiles(dataDir: string): Promise<string[]> {
  return listFiles(join(dataDir, 'images')).catch(() => []);
}

async function allImages(server: BuiltServer, apiKey: string): Promise<Image[]> {
  const images: Image[] = [];
  for (let offset = 0; ; offset += 100) {
    const response = await fetch(`${server.url}/api/images/history?limit=100&offset=${offset}`, {
      headers: { authorization: `Bearer ${apiKey}` }
    });
    const page: { images: Image[]; total: number } = await response.json();
    images.push(...page.images);
    if (images.length >= page.total || page.images.length === 0) return images;
  }
}

/** The store keys an image's URLs point at (`…/files/<key>`). */
function keysOf(image: Image): string[] {
  return [image.url, image.thumbnailUrl].flatMap((url) => (url ? [url.slice(url.indexOf('/files/') + 7)] : []));
}

/** What must hold once the server has swept: no image unfinished, every file belongs to an image. */
async function unsweptWork(server: BuiltServer, apiKey: string) {
  const images = await allImages(server, apiKey);
  const referenced = new Set(images.flatMap(keysOf));
  return {
    unfinished: images.filter((image) => UNFINISHED.has(image.status)).length,
    filesWithoutRow: (await storedFiles(server.dataDir)).filter((file) => !referenced.has(file))
  };
}

describe('the built server killed with -9 under load, again and again', () => {
  let dataDir: string;
  const servers: BuiltServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  function start(stopSignal: NodeJS.Signals) {
    return startBuiltServer({
      dataDir,
      stopSignal,
      timeoutMs: 120_000,
      env: { OPERATION_TIMEOUT_MS: String(OPERATION_TIMEOUT_MS) }
    }).then((server) => {
      servers.push(server);
      return server;
    });
  }

  it('should leave no image unfinished and no file without its image', { timeout: 600_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-kill-drill-'));
    let apiKey = '';

    for (let round = 0; round < KILLS; round += 1) {
      const server = await start('SIGKILL');
      if (round === 0) {
        apiKey = await createApiKeyOverHttp(server.url, await signIn(server.url), ['read', 'generate', 'admin']);
        await raiseDefaultLimits(server.url, apiKey);
      }
      const filesBefore = new Set(await storedFiles(dataDir));
      const load = COUNTS.map((count) =>
        fetch(`${server.url}/api/images/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ prompt: `drill round ${round}`, size: '512x512', count })
        }).catch(() => undefined)
      );
      // Mid-load: the first images of this round are being written while the others are still being made.
      while ((await storedFiles(dataDir)).every((file) => filesBefore.has(file))) await sleep(20);
      await server.stop();
      await Promise.all(load);
    }

    // The drill must have left work behind for the sweep to find.
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    const left = await database.db
      .select({ id: generatedImages.id })
      .from(generatedImages)
      .where(inArray(generatedImages.status, ['pending', 'generating']));
    await database.close();
    expect(left.length).toBeGreaterThan(0);

    const server = await start('SIGTERM');
    let state = await unsweptWork(server, apiKey);
    for (let poll = 0; poll < 240 && (state.unfinished > 0 || state.filesWithoutRow.length > 0); poll += 1) {
      await sleep(500);
      state = await unsweptWork(server, apiKey);
    }
    expect(state).toStrictEqual({ unfinished: 0, filesWithoutRow: [] });

    const images = await allImages(server, apiKey);
    await server.stop();
    const interrupted = images.filter((image) => left.some((row) => row.id === image.id));
    expect(interrupted).toHaveLength(left.length);
    for (const image of interrupted) {
      expect(image).toMatchObject({ status: 'failed', errorMessage: expect.stringMatching(/^Interrupted: /) });
    }
  });
});
