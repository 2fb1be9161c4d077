import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';
import { generateInStudio } from '../support/studio-page';

/**
 * The studio on a touch phone (390×844, touch, mobile viewport) against the desktop: a one-row header with an
 * account menu, a Generate bar fixed to the bottom of the screen, swipe in the lightbox, no keyboard hints.
 */

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };
/** One row of the header: 44 px controls and their padding, not two rows of links. */
const ONE_ROW_HEADER_PX = 64;
const RESULTS = 'Images from the last request';

const serverUrl = inject('serverUrl');
const browser = useChromium();

async function withPage(
  options: typeof PHONE | typeof DESKTOP,
  run: (page: Page, context: BrowserContext) => Promise<void>
) {
  const context = await browser.newContext(options);
  try {
    await run(await openStudio(context, serverUrl), context);
  } finally {
    await context.close();
  }
}

async function expectNoSeriousViolations(page: Page, state: string) {
  await saveScreenshot(page, `phone-${state}`);
  expect({ state, violations: await seriousAxeViolations(page) }).toStrictEqual({ state, violations: [] });
}

/** Whether the element is on screen and is what a finger at its centre would touch (nothing fixed covers it). */
function uncovered(page: Page, selector: string) {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === element || element.contains(hit));
  });
}

/** A real finger drag from one point to another, through Chromium's touch input (so touch-action applies). */
async function drag(context: BrowserContext, page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await context.newCDPSession(page);
  const STEPS = 8;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= STEPS; step++) {
    const point = { x: from.x + ((to.x - from.x) * step) / STEPS, y: from.y + ((to.y - from.y) * step) / STEPS };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe('studio on a phone', () => {
  it.skipIf(skipWithoutChromium)(
    'should keep the header to one row with an account menu that works by keyboard',
    { timeout: 60_000 },
    async () => {
      await withPage(PHONE, async (page) => {
        const header = await page.locator('header.app-header').boundingBox();
        expect(header?.height).toBeLessThanOrEqual(ONE_ROW_HEADER_PX);
        await saveScreenshot(page, 'phone-studio');

        const toggle = page.getByRole('button', { name: 'Account menu' });
        const signOut = page.getByRole('button', { name: 'Sign out' });
        expect(await signOut.isVisible()).toBe(false);
        await toggle.focus();
        await page.keyboard.press('Enter');
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        expect(await signOut.isVisible()).toBe(true);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Account');
        await expectNoSeriousViolations(page, 'account-menu');

        await page.keyboard.press('Escape');
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        expect(await signOut.isVisible()).toBe(false);
        expect(await toggle.evaluate((element) => element === document.activeElement)).toBe(true);

        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${serverUrl}/account`);
        expect(await page.locator('h1').textContent()).toMatch(/account/i);
      });
    }
  );

  it.skipIf(skipWithoutChromium)(
    'should keep the prompt and Generate in a bar at the bottom of the screen while the page scrolls',
    { timeout: 90_000 },
    async () => {
      await withPage(PHONE, async (page) => {
        const prompt = 'a harbour at dawn, long exposure, gulls over still water (phone bar)';
        await generateInStudio(page, prompt, 4);
        await page.getByRole('list', { name: RESULTS }).scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

        const generateButton = 'button.generate';
        expect(await uncovered(page, generateButton)).toBe(true);
        const bar = await page.locator('.prompt-form .actions').boundingBox();
        expect(Math.round((bar?.y ?? 0) + (bar?.height ?? 0))).toBe(844);
        const summary = page.getByTestId('prompt-summary');
        expect(await summary.textContent()).toContain(prompt);
        await expectNoSeriousViolations(page, 'bottom-bar');

        await summary.click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('prompt');
        expect(await uncovered(page, '#prompt')).toBe(true);
      });
    }
  );

  it.skipIf(skipWithoutChromium)(
    'should move between images when the lightbox image is swiped',
    { timeout: 90_000 },
    async () => {
      await withPage(PHONE, async (page, context) => {
        await generateInStudio(page, 'three lanterns on a rainy street at night (phone swipe)', 3);
        await page.getByRole('list', { name: RESULTS }).getByRole('button').first().click();
        const dialog = page.getByRole('dialog', { name: 'Image details' });
        const position = dialog.locator('.position');
        expect(await position.textContent()).toBe('1 of 3');
        await expectNoSeriousViolations(page, 'lightbox');

        const stage = await dialog.locator('figure').boundingBox();
        const y = (stage?.y ?? 0) + (stage?.height ?? 0) / 2;
        await drag(context, page, { x: 320, y }, { x: 60, y: y + 10 });
        await position.filter({ hasText: '2 of 3' }).waitFor();
        await drag(context, page, { x: 60, y }, { x: 320, y });
        await position.filter({ hasText: '1 of 3' }).waitFor();
        // A vertical drag scrolls; it does not browse.
        await drag(context, page, { x: 200, y }, { x: 190, y: y - 150 });
        expect(await position.textContent()).toBe('1 of 3');
        // The arrow keys still browse.
        await page.keyboard.press('ArrowRight');
        await position.filter({ hasText: '2 of 3' }).waitFor();
      });
    }
  );

  it.skipIf(skipWithoutChromium)('should hide keyboard hints on a touch screen only', { timeout: 60_000 }, async () => {
    await withPage(PHONE, async (page) => {
      expect(await page.locator('#prompt-hint').isVisible()).toBe(false);
    });
    await withPage(DESKTOP, async (page) => {
      expect(await page.locator('#prompt-hint').isVisible()).toBe(true);
    });
  });
});

describe('studio on a desktop', () => {
  it.skipIf(skipWithoutChromium)(
    'should show the email and Sign out in the header, with no account menu button',
    { timeout: 60_000 },
    async () => {
      await withPage(DESKTOP, async (page) => {
        expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
        expect(await page.getByRole('button', { name: 'Account menu' }).count()).toBe(0);
        expect(
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).isVisible()
        ).toBe(true);
        expect(await page.getByTestId('prompt-summary').isVisible()).toBe(false);
        await saveScreenshot(page, 'desktop-studio');
      });
    }
  );
});
