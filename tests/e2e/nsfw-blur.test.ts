import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db/client';
import { instanceSettings } from '$lib/server/db/schema';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { saveScreenshot } from './screenshot';

/** A fresh PGlite database, then the classifier's first load from the package: slow on a busy machine. */
const START_MS = 180_000;
const CLASSIFY_MS = 300_000;

const browser = useChromium();

describe('the studio under the blur policy', () => {
  let dataDir: string;
  let server: BuiltServer | undefined;

  beforeAll(async () => {
    if (skipWithoutChromium) return;
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-blur-'));
    // The first start creates the database and the admin; PGlite has one process, so the settings are
    // written between two starts (the admin form for them is another part's).
    await (await startBuiltServer({ dataDir, timeoutMs: START_MS })).stop();
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    await database.db
      .update(instanceSettings)
      .set({ nsfwClassifierEnabled: true, nsfwThreshold: 0, contentPolicy: 'blur' })
      .where(eq(instanceSettings.id, 1));
    await database.close();
    server = await startBuiltServer({ dataDir, timeoutMs: START_MS });
  }, 2 * START_MS);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skipWithoutChromium)(
    'should blur a flagged image in its tile and in the lightbox until Show',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await openStudio(context, server!.url);
        await page.getByLabel('Prompt', { exact: true }).fill('a quiet harbour at dawn');
        await page.getByLabel('Prompt', { exact: true }).press('Control+Enter');

        const tile = page.getByRole('button', { name: /^Open image \(sensitive content, blurred\): a quiet harbour/ });
        await tile.first().waitFor({ timeout: CLASSIFY_MS });
        expect(await tile.first().locator('img.blurred').count()).toBe(1);
        await saveScreenshot(page, 'nsfw-blur-tile');

        await tile.first().click();
        const dialog = page.getByRole('dialog');
        const show = dialog.getByRole('button', { name: 'Show', exact: true });
        await show.waitFor();
        expect(await dialog.locator('.dialog-stage img.blurred').count()).toBe(1);
        await saveScreenshot(page, 'nsfw-blur-lightbox');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);

        await show.click();
        await expect.poll(() => dialog.locator('.dialog-stage img.blurred').count()).toBe(0);
        expect(await show.count()).toBe(0);
      } finally {
        await context.close();
      }
    },
    CLASSIFY_MS + 60_000
  );
});
