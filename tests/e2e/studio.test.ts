import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HISTORY_PAGE_SIZE } from '$lib/client/constants';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { CHROMIUM_PATH, openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';
import { loadedWidth } from '../support/studio-page';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** Creating a new PGlite database takes 4–5 s on an idle machine and much longer on a busy one. */
const FRESH_SERVER_START_MS = 90_000;

if (skipWithoutChromium) {
  console.warn(
    `Skipping the studio browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium). With CI=true they fail instead.`
  );
}

const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;

const browser = useChromium();

type HistoryEntry = { id: string; prompt: string; seed: number | null; size: string; url: string | null };

async function historyOf(baseUrl: string): Promise<{ total: number; images: HistoryEntry[] }> {
  const response = await fetch(`${baseUrl}/api/images/history?limit=50`, { headers: { authorization } });
  return response.json();
}

/** Waits until the request ends in images matching `resultSelector` or in an error; returns the errors shown. */
async function generationErrors(page: Page, resultSelector: string): Promise<string[]> {
  await page.locator(`${resultSelector}, [role="alert"]`).first().waitFor();
  return page.getByRole('alert').allTextContents();
}

function imagesIn(listName: string, alt: string): string {
  return `ul[aria-label="${listName}"] img[alt="${alt}"]`;
}

const RESULTS = 'Images from the last request';
const HISTORY = 'Your earlier images, newest first';

describe('studio page on a server without images', () => {
  // The shared server's history belongs to its one local user and other suites fill it, so this needs an empty one.
  let fresh: BuiltServer | undefined;

  beforeAll(async () => {
    if (!skipWithoutChromium) fresh = await startBuiltServer({ timeoutMs: FRESH_SERVER_START_MS });
  });

  afterAll(async () => {
    await fresh?.stop();
  });

  it.skipIf(skipWithoutChromium)('should invite a first prompt and label the offline renderer honestly', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await openStudio(context, fresh!.url);

      const emptyState = page.getByText('No images yet — write a prompt and press Ctrl+Enter');
      expect(await emptyState.isVisible()).toBe(true);
      expect(await page.locator('.health').getAttribute('data-state')).toBe('ok');
      const modelAbout = await page.locator('#model-about').textContent();
      expect(modelAbout).toMatch(/procedural offline renderer/i);
      expect(modelAbout).toMatch(/not a diffusion model/i);
      expect(modelAbout).toMatch(/\bfree\b/);
      await saveScreenshot(page, 'desktop-empty');

      await page.setViewportSize(PHONE);
      expect(await emptyState.isVisible()).toBe(true);
      await saveScreenshot(page, 'mobile-empty');
    } finally {
      await context.close();
    }
  });
});

describe('studio page', () => {
  it.skipIf(skipWithoutChromium)(
    'should generate on Ctrl+Enter, show the image, keep it in history after a reload and open it in the lightbox',
    async () => {
      const prompt = `a quiet harbour at dawn ${randomUUID()}`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await page.getByLabel('Size').selectOption('256x256');
        await page.getByLabel('Images', { exact: true }).selectOption('2');
        await page.getByLabel('Prompt', { exact: true }).fill(prompt);
        // A seed typed and then cleared again means "random", as if never typed.
        await page.getByLabel('Seed', { exact: true }).fill('12345');
        await page.getByLabel('Seed', { exact: true }).fill('');

        await page.getByLabel('Prompt', { exact: true }).press('Control+Enter');

        expect(await generationErrors(page, imagesIn(RESULTS, prompt))).toStrictEqual([]);
        expect(await page.locator(imagesIn(RESULTS, prompt)).count()).toBe(2);
        expect(await loadedWidth(page, imagesIn(RESULTS, prompt))).toBeGreaterThan(0);
        await saveScreenshot(page, 'desktop-results');

        await page.reload();
        await page.locator('.health:not([data-state="checking"])').waitFor();
        expect(await page.locator(imagesIn(RESULTS, prompt)).count()).toBe(0);
        expect(await page.locator(imagesIn(HISTORY, prompt)).count()).toBe(2);
        expect(await loadedWidth(page, imagesIn(HISTORY, prompt))).toBeGreaterThan(0);

        const [newest, secondNewest] = (await historyOf(serverUrl)).images;
        expect([newest?.prompt, secondNewest?.prompt]).toStrictEqual([prompt, prompt]);
        const tile = page.locator(`ul[aria-label="${HISTORY}"] button`).first();
        await tile.click();
        const dialog = page.getByRole('dialog', { name: 'Image details' });
        await dialog.waitFor();
        expect(await dialog.getByTestId('lightbox-prompt').textContent()).toBe(prompt);
        expect(await dialog.getByTestId('lightbox-seed').textContent()).toBe(String(newest!.seed));
        // A 256 px image: its WebP thumbnail is all the srcset offers (the PNG is for Download and Open full size).
        expect(await loadedWidth(page, `dialog img[alt="${prompt}"]`)).toBeGreaterThan(0);
        expect(
          await page.locator(`dialog img[alt="${prompt}"]`).evaluate((image) => (image as HTMLImageElement).currentSrc)
        ).toMatch(/-thumb\.webp$/);
        await saveScreenshot(page, 'desktop-lightbox');

        await page.keyboard.press('ArrowRight');
        expect(await dialog.getByTestId('lightbox-seed').textContent()).toBe(String(secondNewest!.seed));
        expect(await dialog.getByText(/^2 of \d+$/).isVisible()).toBe(true);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        const tileHandle = await tile.elementHandle();
        await page.waitForFunction((element) => element === document.activeElement, tileHandle, { timeout: 5_000 });
      } finally {
        await context.close();
      }
    }
  );

  it.skipIf(skipWithoutChromium)(
    'should fill the form with Reuse settings and so render the same image again',
    async () => {
      const [original] = (await historyOf(serverUrl)).images;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await page.locator(`ul[aria-label="${HISTORY}"] button`).first().click();
        const dialog = page.getByRole('dialog', { name: 'Image details' });
        await dialog.waitFor();

        await dialog.getByRole('button', { name: 'Reuse settings' }).click();

        await dialog.waitFor({ state: 'hidden' });
        expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe(original!.prompt);
        expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe(String(original!.seed));
        expect(await page.getByLabel('Size').inputValue()).toBe(original!.size);
        expect(await page.getByLabel('Images', { exact: true }).inputValue()).toBe('1');
        // The dialog's `close` event, which moves focus, fires a task after the dialog is hidden.
        await page.waitForFunction(() => document.activeElement?.id === 'prompt', null, { timeout: 5_000 });

        await page.keyboard.press('Control+Enter');
        expect(await generationErrors(page, `ul[aria-label="${RESULTS}"] img`)).toStrictEqual([]);
        const [again] = (await historyOf(serverUrl)).images;
        expect(again!.id).not.toBe(original!.id);
        const bytesOf = async (url: string | null) => Buffer.from(await (await fetch(url!)).arrayBuffer());
        expect((await bytesOf(again!.url)).equals(await bytesOf(original!.url))).toBe(true);
      } finally {
        await context.close();
      }
    }
  );

  it.skipIf(skipWithoutChromium)(
    'should refuse a 4001-character prompt in the form, saying why, and store nothing',
    async () => {
      const before = await historyOf(serverUrl);
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        const tilesBefore = await page.locator(`ul[aria-label="${HISTORY}"] li`).count();
        const tooLong = 'x'.repeat(4001);
        await page.getByLabel('Prompt', { exact: true }).fill(tooLong);
        expect(await page.locator('#prompt-counter').textContent()).toMatch(/4,001\/4,000\s+— 1 over the limit/);

        const generate = page.getByRole('button', { name: 'Generate', exact: true });
        expect(await generate.isDisabled()).toBe(true);
        expect(await page.getByTestId('generate-blocker').textContent()).toBe(
          'The prompt is 1 character over the limit; shorten it.'
        );
        await page.getByLabel('Prompt', { exact: true }).press('Control+Enter');
        // No request started: the live region would say "Generating 1 image…".
        expect(await page.getByTestId('studio-announcement').textContent()).toBe('');
        expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe(tooLong);
        expect(await page.locator(`ul[aria-label="${HISTORY}"] li`).count()).toBe(tilesBefore);
        expect((await historyOf(serverUrl)).total).toBe(before.total);
        await saveScreenshot(page, 'desktop-error');
      } finally {
        await context.close();
      }
    }
  );

  it.skipIf(skipWithoutChromium)('should page older images in with Load more, without repeats', async () => {
    while ((await historyOf(serverUrl)).total <= HISTORY_PAGE_SIZE) {
      const response = await fetch(`${serverUrl}/api/images/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ prompt: 'filler for paging', size: '256x256', count: 10 })
      });
      expect(response.status).toBe(200);
    }
    const { total } = await historyOf(serverUrl);
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await openStudio(context, serverUrl);
      const thumbnails = page.locator(`ul[aria-label="${HISTORY}"] img`);
      expect(await thumbnails.count()).toBe(HISTORY_PAGE_SIZE);

      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForFunction(([selector, shown]) => document.querySelectorAll(selector).length > shown, [
        `ul[aria-label="${HISTORY}"] img`,
        HISTORY_PAGE_SIZE
      ] as const);

      const sources = await thumbnails.evaluateAll((images) => images.map((image) => image.getAttribute('src')));
      expect(sources).toHaveLength(Math.min(total, 2 * HISTORY_PAGE_SIZE));
      expect(new Set(sources).size).toBe(sources.length);
      expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(total > 2 * HISTORY_PAGE_SIZE ? 1 : 0);
    } finally {
      await context.close();
    }
  });

  it.skipIf(skipWithoutChromium)(
    'should fit a phone screen without sideways scrolling, lightbox included',
    async () => {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      try {
        const page = await openStudio(context, serverUrl);
        const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(await overflow()).toBeLessThanOrEqual(0);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await saveScreenshot(page, 'mobile-history');

        await page.locator(`ul[aria-label="${HISTORY}"] button`).first().click();
        const dialog = page.getByRole('dialog', { name: 'Image details' });
        await dialog.waitFor();
        const box = await dialog.boundingBox();
        expect(box?.width).toBeLessThanOrEqual(PHONE.width);
        await saveScreenshot(page, 'mobile-lightbox');
      } finally {
        await context.close();
      }
    }
  );
});
