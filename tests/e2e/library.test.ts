import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';

const DESKTOP = { width: 1280, height: 800 };
/** One walk through the whole page on a machine shared with other work. */
const WALK_TIMEOUT_MS = 240_000;
const PROMPTS = ['red lighthouse at dusk', 'red barn in snow', 'green forest path', 'red kite over dunes'];

const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;

const browser = useChromium();

/** Makes one image per prompt with the offline provider, each carrying `word` so this run finds only its own. */
async function makeImages(word: string): Promise<void> {
  for (const prompt of PROMPTS) {
    const response = await fetch(`${serverUrl}/api/images/generate`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: `${prompt} ${word}`, provider: 'local', size: '256x256' })
    });
    expect(response.status).toBe(200);
  }
}

function cells(page: Page): Locator {
  return page.getByRole('grid').getByRole('gridcell');
}

async function expectCells(page: Page, count: number): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('[role="gridcell"]').length === count, count);
}

function focusedIndex(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index ?? null);
}

function toast(page: Page): Locator {
  return page.locator('.toast-region');
}

describe('library', () => {
  it.skipIf(skipWithoutChromium)(
    'should search by prompt in the URL, star with f, collect a shift-click selection, undo a delete and restore from the trash',
    async () => {
      const word = `libtest${Date.now()}`;
      await makeImages(word);
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
        await page.waitForURL(/\/library$/);

        // Search: typing puts the query in the URL; a reload keeps it.
        await page.getByRole('searchbox', { name: 'Search prompts' }).fill(`red ${word}`);
        await page.waitForURL((url) => url.searchParams.get('text') === `red ${word}`);
        await expectCells(page, 3);
        await page.reload();
        expect(await page.getByRole('searchbox', { name: 'Search prompts' }).inputValue()).toBe(`red ${word}`);
        await expectCells(page, 3);
        expect(
          await page
            .getByRole('status')
            .filter({ hasText: /images$/ })
            .first()
            .textContent()
        ).toMatch(/3 images/);
        await saveScreenshot(page, 'library-search');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);

        // Favorite with f, in the grid and in the lightbox.
        const first = cells(page).first();
        await first.focus();
        await page.keyboard.press('f');
        await expect.poll(() => first.getAttribute('aria-label')).toMatch(/starred$/);
        await page.keyboard.press('Enter');
        const lightbox = page.getByRole('dialog', { name: 'Image details' });
        await lightbox.waitFor();
        const star = lightbox.getByRole('button', { name: /Star/ });
        expect(await star.getAttribute('aria-pressed')).toBe('true');
        await page.keyboard.press('f');
        await expect.poll(() => star.getAttribute('aria-pressed')).toBe('false');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await page.keyboard.press('Escape');
        await lightbox.waitFor({ state: 'hidden' });
        await expect.poll(() => first.getAttribute('aria-label')).not.toMatch(/starred$/);
        const saved = page.waitForResponse((response) => response.url().includes('images.favorite'));
        await page.keyboard.press('f');
        await saved;
        await page.goto(`${serverUrl}/library?favorite=true&text=${word}`);
        await expectCells(page, 1);
        await page.goBack();
        await expectCells(page, 3);

        // A collection, and a shift-click selection added to it.
        const name = `Reds ${word}`;
        await page.getByLabel('New collection').fill(name);
        await page.getByRole('button', { name: 'Create' }).click();
        await page.waitForURL(/collectionId=/);
        await page.getByText(`No images in “${name}” yet`).waitFor();
        await page.goBack();
        await expectCells(page, 3);
        await cells(page).nth(0).getByRole('button', { name: 'Select' }).click();
        await cells(page)
          .nth(2)
          .click({ modifiers: ['Shift'] });
        const bar = page.getByRole('toolbar', { name: 'Selected images' });
        await bar.getByText('3 selected').waitFor();
        await bar.getByLabel('Collection to add to').selectOption({ label: name });
        await bar.getByRole('button', { name: 'Add to collection' }).click();
        await toast(page).getByText(`Added 3 to “${name}”.`).waitFor();
        await saveScreenshot(page, 'library-selection');
        await page
          .getByRole('navigation', { name: 'Library views' })
          .getByRole('link', { name: new RegExp(name) })
          .click();
        await page.waitForURL(/collectionId=/);
        await expectCells(page, 3);
        await page.getByRole('heading', { name, level: 1 }).waitFor();

        // Delete with Undo.
        await page.goto(`${serverUrl}/library?text=${word}`);
        await expectCells(page, 4);
        await cells(page).first().focus();
        await page.keyboard.press('Space');
        await bar.getByRole('button', { name: 'Move to trash' }).click();
        await expectCells(page, 3);
        const undo = toast(page).getByRole('button', { name: 'Undo' });
        await undo.waitFor();
        await saveScreenshot(page, 'library-undo');
        await undo.focus();
        await page.keyboard.press('Enter');
        await toast(page).getByText('Restored 1 image.').waitFor();
        await expectCells(page, 4);
        await page.reload();
        await expectCells(page, 4);

        // Trash and restore from it.
        await cells(page).nth(1).focus();
        await page.keyboard.press('Space');
        const trashed = await cells(page).nth(1).getAttribute('aria-label');
        await bar.getByRole('button', { name: 'Move to trash' }).click();
        await expectCells(page, 3);
        await page.getByRole('navigation', { name: 'Library views' }).getByRole('link', { name: 'Trash' }).click();
        await page.waitForURL(/trash=true/);
        const inTrash = page.getByRole('gridcell', { name: trashed ?? '' });
        await inTrash.waitFor();
        await saveScreenshot(page, 'library-trash');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await inTrash.getByRole('button', { name: 'Select' }).click();
        await bar.getByRole('button', { name: 'Restore' }).click();
        await toast(page).getByText('Restored 1 image to the library.').waitFor();
        await inTrash.waitFor({ state: 'detached' });
        await page.goto(`${serverUrl}/library?text=${word}`);
        await expectCells(page, 4);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );

  it.skipIf(skipWithoutChromium)(
    'should be usable by keyboard alone: search, the grid, selection keys and the bulk bar',
    async () => {
      const word = `libkeys${Date.now()}`;
      await makeImages(word);
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await page.goto(`${serverUrl}/library`);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
        await page.keyboard.press('Enter');

        const search = page.getByRole('searchbox', { name: 'Search prompts' });
        for (
          let press = 0;
          press < 30 && !(await search.evaluate((field) => field === document.activeElement));
          press++
        ) {
          await page.keyboard.press('Tab');
        }
        await page.keyboard.type(word);
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.searchParams.get('text') === word);
        await expectCells(page, 4);

        for (let press = 0; press < 30 && (await focusedIndex(page)) === null; press++) {
          await page.keyboard.press('Tab');
        }
        expect(await focusedIndex(page)).toBe('0');
        await page.keyboard.press('ArrowRight');
        expect(await focusedIndex(page)).toBe('1');
        await page.keyboard.press('Space');
        await page.keyboard.press('Shift+ArrowRight');
        expect(await focusedIndex(page)).toBe('2');
        const bar = page.getByRole('toolbar', { name: 'Selected images' });
        await bar.getByText('2 selected').waitFor();
        await page.keyboard.press('ControlOrMeta+a');
        await bar.getByText('4 selected').waitFor();
        await saveScreenshot(page, 'library-keyboard');
        await page.keyboard.press('Escape');
        await bar.getByText('Nothing selected').waitFor();
        await page.keyboard.press('Home');
        expect(await focusedIndex(page)).toBe('0');

        // Enter opens the lightbox; Esc brings focus back to the tile.
        await page.keyboard.press('Enter');
        await page.getByRole('dialog', { name: 'Image details' }).waitFor();
        await page.keyboard.press('Escape');
        await expect.poll(() => focusedIndex(page)).toBe('0');

        // Focus is always visible on the grid's tab stop.
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).boxShadow);
        expect(outline).not.toBe('none');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );
});
