import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';
import { generateInStudio, loadedWidth } from '../support/studio-page';

/**
 * The studio's results on the shared server: WebP previews by srcset (no PNG on a phone's lightbox), one
 * group per request with its caption, History by request, and images that failed while the server was
 * away loading again once the health indicator sees it back.
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const LATEST = 'Images from the last request';
const HISTORY = 'Your earlier images, newest first';

const serverUrl = inject('serverUrl');
const browser = useChromium();

function columnsOf(page: Page, listName: string): Promise<number> {
  return page
    .locator(`ul[aria-label="${listName}"]`)
    .evaluate((list) => getComputedStyle(list).gridTemplateColumns.split(' ').length);
}

describe('studio results', () => {
  it.skipIf(skipWithoutChromium)(
    'should show a 1024 px batch 2×2 from WebP previews of at most 512 and 1024 px, made on first request',
    async () => {
      const prompt = `crisp harbour previews ${randomUUID()}`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await generateInStudio(page, prompt, 4, '1024x1024');
        expect(await columnsOf(page, LATEST)).toBe(2);
        const tile = page.locator(`ul[aria-label="${LATEST}"] img`).first();
        const srcset = (await tile.getAttribute('srcset')) ?? '';
        const sources = Object.fromEntries(
          srcset.split(', ').map((entry) => entry.split(' ').reverse() as [string, string])
        );
        expect(Object.keys(sources)).toStrictEqual(['256w', '512w', '1024w']);
        expect(sources['512w']).toMatch(/-preview512\.webp$/);
        expect(sources['1024w']).toMatch(/-preview1024\.webp$/);
        // A 2×2 cell of 1280 px is about 400 px wide: the 512 px preview, not a stretched 256 px thumbnail.
        expect(await loadedWidth(page, `ul[aria-label="${LATEST}"] img`)).toBeGreaterThan(0);
        expect(await tile.evaluate((image) => (image as HTMLImageElement).currentSrc)).toMatch(/-preview512\.webp$/);

        for (const [descriptor, largest] of [
          ['512w', 512],
          ['1024w', 1024]
        ] as const) {
          for (const request of ['first', 'cached']) {
            const response = await fetch(new URL(sources[descriptor]!, serverUrl));
            expect({ request, status: response.status }).toStrictEqual({ request, status: 200 });
            expect(response.headers.get('content-type')).toBe('image/webp');
            expect(response.headers.get('cache-control')).toMatch(/immutable/);
            const meta = await sharp(new Uint8Array(await response.arrayBuffer())).metadata();
            expect({ format: meta.format, width: meta.width }).toStrictEqual({ format: 'webp', width: largest });
          }
        }
        await saveScreenshot(page, 'results-desktop');
      } finally {
        await context.close();
      }
    }
  );

  it.skipIf(skipWithoutChromium)('should open the lightbox on a phone without fetching a PNG', async () => {
    const prompt = `a lighthouse seen on a phone ${randomUUID()}`;
    const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height }, ...PHONE });
    try {
      const page = await openStudio(context, serverUrl);
      await generateInStudio(page, prompt, 1, '1024x1024');
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.reload();
      await page.locator('.health:not([data-state="checking"])').waitFor();
      await page.locator(`ul[aria-label="${HISTORY}"] img[alt="${prompt}"]`).first().click();
      const shown = page.locator('dialog[open] .dialog-stage img');
      await shown.waitFor();
      // naturalWidth of a srcset pick is in CSS pixels; which file came is what counts.
      expect(await loadedWidth(page, 'dialog[open] .dialog-stage img')).toBeGreaterThan(0);
      expect(await shown.evaluate((image) => (image as HTMLImageElement).currentSrc)).toMatch(/-preview1024\.webp$/);
      await saveScreenshot(page, 'results-phone-lightbox');
      // Static pictures (style presets) may be PNGs; the image's own files are under /files/.
      expect(requested.filter((url) => url.includes('/files/') && /\.png(\?|$)/.test(url))).toStrictEqual([]);
      expect(await page.getByRole('link', { name: 'Open full size' }).getAttribute('href')).toMatch(/\.png$/);
    } finally {
      await context.close();
    }
  });

  it.skipIf(skipWithoutChromium)(
    'should keep an earlier request as its own captioned group and show each request once in History',
    async () => {
      const first = `a first batch of pebbles ${randomUUID()}`;
      const second = `a second batch of shells ${randomUUID()}`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await generateInStudio(page, first, 2);
        await generateInStudio(page, second, 4);

        const groups = page.locator('.results [data-testid="batch"]');
        expect(await groups.count()).toBe(2);
        expect(await groups.nth(0).locator('figcaption').textContent()).toContain(second.slice(0, 40));
        expect(await groups.nth(1).locator('figcaption').textContent()).toContain(first.slice(0, 40));
        expect(await groups.nth(1).locator('figcaption').textContent()).toMatch(/ \/ Procedural \(offline\) · \d/);
        expect(await page.locator(`ul[aria-label="${LATEST}"] img`).count()).toBe(4);
        expect(await groups.nth(1).locator('img').count()).toBe(2);
        expect(await page.locator(`img[alt="${first}"]`).count()).toBe(2);
        expect(await page.locator(`img[alt="${second}"]`).count()).toBe(4);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize({ width: viewport.width, height: viewport.height });
          expect({ viewport, violations: await seriousAxeViolations(page) }).toStrictEqual({
            viewport,
            violations: []
          });
        }
        await page.locator('.results').scrollIntoViewIfNeeded();
        await saveScreenshot(page, 'results-phone');
        await page.setViewportSize(DESKTOP);
        await saveScreenshot(page, 'results-batches');

        await page.reload();
        const history = page.locator(`ul[aria-label="${HISTORY}"] > li`);
        await history.first().waitFor();
        for (const [prompt, count] of [
          [second, 4],
          [first, 2]
        ] as const) {
          const group = history.filter({ has: page.locator(`img[alt="${prompt}"]`) });
          expect({ prompt, groups: await group.count() }).toStrictEqual({ prompt, groups: 1 });
          expect(await group.locator('img').count()).toBe(count);
          expect(await group.locator('figcaption').textContent()).toContain(prompt.slice(0, 20));
        }
        await saveScreenshot(page, 'results-history');
      } finally {
        await context.close();
      }
    }
  );

  it.skipIf(skipWithoutChromium)(
    'should load an image that failed while the server was away once the health indicator sees it again',
    async () => {
      const prompt = `an image the network dropped ${randomUUID()}`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const away = (route: { abort: () => Promise<void> }) => route.abort();
        await context.route('**/files/**', away);
        await context.route('**/api/trpc/*system.health*', away);
        const page = await openStudio(context, serverUrl);
        expect(await page.locator('.health').getAttribute('data-state')).toBe('unreachable');
        await generateInStudio(page, prompt, 1);
        const result = `ul[aria-label="${LATEST}"] img[alt="${prompt}"]`;
        expect(await loadedWidth(page, result)).toBe(0);

        await context.unroute('**/files/**', away);
        await context.unroute('**/api/trpc/*system.health*', away);
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await page.locator('.health[data-state="ok"]').waitFor();
        await page.waitForFunction(
          (selector) => (document.querySelector(selector) as HTMLImageElement | null)?.naturalWidth ?? 0,
          result
        );
        expect(await loadedWidth(page, result)).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    }
  );
});
