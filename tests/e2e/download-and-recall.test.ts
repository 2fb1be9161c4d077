import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { CHROMIUM_PATH, openStudio, skipWithoutChromium, useChromium } from '../support/browser';

if (skipWithoutChromium) {
  console.warn(`Skipping the download browser tests: no Chromium at ${CHROMIUM_PATH}. With CI=true they fail instead.`);
}

const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;
const HISTORY = 'Your earlier images, newest first';

const browser = useChromium();

describe('downloads and recall in the studio', () => {
  it.skipIf(skipWithoutChromium)(
    'should download WebP from the lightbox, then recall the settings of a downloaded PNG dropped on the prompt panel',
    async () => {
      const tag = randomUUID().slice(0, 8);
      const prompt = `A red lighthouse ${tag}, oil on canvas`;
      const generated = await fetch(`${serverUrl}/api/images/generate`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt, size: '256x256', seed: 4242 })
      });
      expect(generated.status).toBe(200);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      try {
        const page = await openStudio(context, serverUrl);
        await page.locator(`ul[aria-label="${HISTORY}"] button`).first().click();
        const dialog = page.getByRole('dialog', { name: 'Image details' });
        await dialog.waitFor();
        await dialog.getByText('Download…').click();
        await dialog.getByLabel('Format').selectOption('webp');
        await dialog.locator('#download-quality').fill('40');

        const [webp] = await Promise.all([
          page.waitForEvent('download'),
          dialog.getByRole('link', { name: 'Download WEBP' }).click()
        ]);

        expect(webp.suggestedFilename()).toBe(`red-lighthouse-${tag}-oil-4242.webp`);
        expect(new URL(webp.url()).searchParams.get('quality')).toBe('40');
        const webpBytes = await readFile((await webp.path())!);
        expect((await sharp(webpBytes).metadata()).format).toBe('webp');

        await dialog.getByLabel('Format').selectOption('png');
        const [png] = await Promise.all([
          page.waitForEvent('download'),
          dialog.getByRole('link', { name: 'Download PNG' }).click()
        ]);
        expect(png.suggestedFilename()).toBe(`red-lighthouse-${tag}-oil-4242.png`);
        const pngBytes = await readFile((await png.path())!);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await page.getByLabel('Prompt', { exact: true }).fill('something else entirely');
        await page.getByLabel('Seed', { exact: true }).fill('7');

        const dataTransfer = await page.evaluateHandle(
          ({ bytes, name }) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
            return transfer;
          },
          { bytes: [...pngBytes], name: png.suggestedFilename() }
        );
        await page.locator('aside[aria-label="Prompt panel"]').dispatchEvent('drop', { dataTransfer });
        const offer = page.getByRole('region', { name: 'Settings found in the image' });
        await offer.waitFor();
        await offer.getByRole('button', { name: 'Recall settings' }).click();

        expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe(prompt);
        expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('4242');
        expect(await page.getByLabel('Size').inputValue()).toBe('256x256');
        expect(await page.getByRole('status').filter({ hasText: 'Settings recalled.' }).count()).toBe(1);
      } finally {
        await context.close();
      }
    }
  );

  it.skipIf(skipWithoutChromium)(
    'should answer 404 for an image the caller cannot see, and 401 without credentials',
    async () => {
      const missing = await fetch(`${serverUrl}/api/images/${randomUUID()}/download?format=png`, {
        headers: { authorization }
      });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ kind: 'not_found' });
      const anonymous = await fetch(`${serverUrl}/api/images/${randomUUID()}/download`);
      expect(anonymous.status).toBe(401);
    }
  );
});
