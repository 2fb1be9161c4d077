import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { createApiKeyOverHttp, signIn, updateSettingsOverHttp } from '../support/e2e-auth';
import { saveScreenshot } from './screenshot';

/** A fresh PGlite database; then the classifier's first load from the package: slow on a busy machine. */
const START_MS = 180_000;
const CLASSIFY_MS = 300_000;

const browser = useChromium();

describe('the studio under the blur policy', () => {
  let server: BuiltServer | undefined;

  beforeAll(async () => {
    if (skipWithoutChromium) return;
    server = await startBuiltServer({ timeoutMs: START_MS });
    const adminKey = await createApiKeyOverHttp(server.url, await signIn(server.url), ['admin']);
    // Threshold 0 flags every image, so the offline renderer's output is blurred.
    await updateSettingsOverHttp(server.url, adminKey, {
      nsfwClassifierEnabled: true,
      nsfwThreshold: 0,
      contentPolicy: 'blur'
    });
  }, START_MS);

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(skipWithoutChromium)(
    'should blur a flagged image in its tile and in the lightbox until Show',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await openStudio(context, server!.url);
        await page.getByLabel('Prompt', { exact: true }).fill('a quiet harbour at dawn');
        await page.getByLabel('Prompt', { exact: true }).press('Control+Enter');

        const tile = page.getByRole('button', { name: /^Image \d+ of \d+ \(blurred\): a quiet harbour/ });
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
