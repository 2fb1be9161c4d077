import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';

const DESKTOP = { width: 1280, height: 800 };
const WALK_TIMEOUT_MS = 240_000;

const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;

const browser = useChromium();

async function makeImage(prompt: string): Promise<void> {
  const response = await fetch(`${serverUrl}/api/images/generate`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt, provider: 'local', size: '256x256' })
  });
  expect(response.status).toBe(200);
}

async function expectCells(page: Page, count: number): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('[role="gridcell"]').length === count, count);
}

async function openOnlyImage(page: Page, search: string) {
  await page.goto(`${serverUrl}/library?text=${encodeURIComponent(search)}`);
  await expectCells(page, 1);
  await page.getByRole('grid').getByRole('gridcell').first().focus();
  await page.keyboard.press('Enter');
  const lightbox = page.getByRole('dialog', { name: 'Image details' });
  await lightbox.waitFor();
  return lightbox;
}

describe('analysis in the lightbox', () => {
  it.skipIf(skipWithoutChromium)(
    'should analyze an image from the keyboard, show the stored analysis on open, and search the library by a tag it produced',
    async () => {
      const word = `analyzetest${Date.now()}`;
      await makeImage(`a lantern by the sea ${word}`);
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        let lightbox = await openOnlyImage(page, word);

        const analysis = lightbox.getByRole('region', { name: 'Analysis' });
        const analyze = analysis.getByRole('button', { name: 'Analyze' });
        await analyze.focus();
        await page.keyboard.press('Enter');
        const description = analysis.getByTestId('analysis-description');
        await description.waitFor();
        expect(await description.textContent()).toMatch(/^A square 256×256 image \(1:1\)/);
        await analysis.getByRole('button', { name: 'Analyze again' }).waitFor();
        const tags = analysis.getByRole('list', { name: 'Tags: search the library' }).getByRole('link');
        const tag = (await tags.allTextContents()).map((text) => text.trim()).find((text) => text !== 'square')!;
        expect(tag).toBeTruthy();
        expect(await analysis.getByRole('list', { name: 'Palette' }).getByRole('listitem').count()).toBeGreaterThan(0);
        await saveScreenshot(page, 'lightbox-analysis');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);

        // Stored with the image: a fresh page shows it on open, without analyzing again.
        lightbox = await openOnlyImage(page, word);
        expect(await lightbox.getByTestId('analysis-description').textContent()).toBe(await description.textContent());

        // A tag links to the library search for it; with the run's word, only this image has both.
        await lightbox.getByRole('link', { name: `Search the library for ${tag}` }).click();
        await page.waitForURL((url) => url.pathname === '/library' && url.searchParams.get('text') === tag);
        await page.goto(`${serverUrl}/library?text=${encodeURIComponent(`${tag} ${word}`)}`);
        await expectCells(page, 1);
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );
});
