import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { createApiKeyOverHttp, E2E_ADMIN, raiseDefaultLimits, signIn } from '../support/e2e-auth';
import { saveScreenshot } from './screenshot';
import { generateInStudio } from '../support/studio-page';

/**
 * The studio against WCAG 2.2 AA and the form's help, on a server of its own (an empty history first, and
 * the admin's own image limit lowered later): axe on every page state at desktop and phone sizes, a
 * keyboard-only walk that checks nothing sticky covers the focus, the live region, tile names, the draft
 * kept over a reload, Keep seed, Undo after Reuse settings and a refused count.
 */

const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 }
} as const;
/** Creating a new PGlite database takes 4–5 s on an idle machine and much longer on a busy one. */
const FRESH_SERVER_START_MS = 90_000;
const RESULTS = 'Images from the last request';
const HISTORY = 'Your earlier images, newest first';
/** "Image 10 of 10 (blurred): " and 60 characters of prompt with an ellipsis. */
const LONGEST_TILE_NAME = 89;

const browser = useChromium();
let server: BuiltServer | undefined;
let apiKey = '';

beforeAll(async () => {
  if (skipWithoutChromium) return;
  server = await startBuiltServer({ timeoutMs: FRESH_SERVER_START_MS });
  apiKey = await createApiKeyOverHttp(server.url, await signIn(server.url), ['read', 'generate', 'admin']);
  await raiseDefaultLimits(server.url, apiKey);
});

afterAll(async () => {
  await server?.stop();
});

async function trpcCall(path: string, input?: unknown): Promise<unknown> {
  const response = await fetch(`${server!.url}/api/trpc/${path}`, {
    method: input === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: input === undefined ? undefined : JSON.stringify(input)
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path} failed with ${response.status}: ${JSON.stringify(body)}`);
  return body.result.data;
}

async function expectAccessible(page: Page, state: string) {
  await saveScreenshot(page, `a11y-${state}`);
  expect({ state, violations: await seriousAxeViolations(page) }).toStrictEqual({ state, violations: [] });
  expect({ state, h1: await page.locator('h1').count() }).toStrictEqual({ state, h1: 1 });
}

/**
 * Where focus is: on screen and not under anything (the sticky header, the Generate bar), i.e. the element
 * at the centre of its box is it or inside it. A visually hidden control (a file input) shows through its label.
 */
function focusIsVisible(page: Page) {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    if (!focused || focused === document.body) return { visible: true, what: 'body' };
    const rect = focused.getBoundingClientRect();
    const shown = rect.width <= 1 ? (focused.closest('label') ?? focused.parentElement ?? focused) : focused;
    const box = shown.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const hit = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight ? document.elementFromPoint(x, y) : null;
    const visible = hit !== null && (hit === shown || shown.contains(hit) || hit.contains(shown));
    return {
      visible,
      what: `${focused.tagName.toLowerCase()}#${focused.id} "${(focused.getAttribute('aria-label') ?? focused.textContent ?? '').trim().slice(0, 40)}" covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`
    };
  });
}

async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport });
}

describe('studio accessibility (WCAG 2.2 AA)', () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it.skipIf(skipWithoutChromium)(
      `should have no serious or critical axe violations and one h1 on every page state at ${size} size`,
      { timeout: 180_000 },
      async () => {
        const anonymous = await newContext(viewport);
        try {
          const page = await anonymous.newPage();
          await page.goto(`${server!.url}/sign-in`);
          await page.getByLabel('Email').waitFor();
          await expectAccessible(page, `${size}-sign-in`);
          await page.getByLabel('Email').fill(E2E_ADMIN.email);
          await page.getByLabel('Password', { exact: true }).fill('not-the-password');
          await page.getByRole('button', { name: 'Sign in', exact: true }).click();
          // Focus goes to the reason, not to the page body.
          await page.waitForFunction(() => document.activeElement?.id === 'auth-error');
          await expectAccessible(page, `${size}-sign-in-error`);
        } finally {
          await anonymous.close();
        }

        const context = await newContext(viewport);
        try {
          const page = await openStudio(context, server!.url);
          await expectAccessible(page, `${size}-studio-empty`);

          await page.getByLabel('Prompt', { exact: true }).fill('x'.repeat(4001));
          await expectAccessible(page, `${size}-studio-error`);

          const prompt = `a lighthouse on a basalt cliff at dusk, long exposure, soft fog rolling in over the sea (${size})`;
          await generateInStudio(page, prompt, 4);
          expect(await page.getByTestId('studio-announcement').textContent()).toBe('4 images ready');
          const names = await page
            .getByRole('list', { name: RESULTS })
            .getByRole('button')
            .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('aria-label') ?? ''));
          expect(names).toStrictEqual([1, 2, 3, 4].map((n) => `Image ${n} of 4: ${prompt.slice(0, 60).trimEnd()}…`));
          for (const name of names) expect(name.length).toBeLessThanOrEqual(LONGEST_TILE_NAME);
          await expectAccessible(page, `${size}-studio-results`);

          await page.getByRole('list', { name: RESULTS }).getByRole('button').first().click();
          await page.getByRole('dialog', { name: 'Image details' }).waitFor();
          await expectAccessible(page, `${size}-lightbox`);
          await page.keyboard.press('Escape');

          for (const path of ['/account', '/admin', '/library']) {
            await page.goto(`${server!.url}${path}`);
            await page.locator('h1').waitFor();
            await page.locator('.health:not([data-state="checking"])').waitFor();
            await expectAccessible(page, `${size}-${path.slice(1)}`);
          }
          // The audit log scrolls sideways on a phone; its scroll box takes focus so keys can scroll it.
          await page.goto(`${server!.url}/admin`);
          const auditLog = page.getByRole('region', { name: 'Audit log entries' });
          await auditLog.focus();
          expect(await auditLog.evaluate((element) => element === document.activeElement)).toBe(true);
        } finally {
          await context.close();
        }
      }
    );

    it.skipIf(skipWithoutChromium)(
      `should keep every focused control of the studio in view and uncovered while tabbing at ${size} size`,
      { timeout: 120_000 },
      async () => {
        const context = await newContext(viewport);
        try {
          const page = await openStudio(context, server!.url);
          // The Generate bar is at its tallest with the reason Generate is off in it.
          await page.getByLabel('Prompt', { exact: true }).fill('x'.repeat(4001));
          await page.evaluate(() => {
            window.scrollTo(0, 0);
            (document.activeElement as HTMLElement | null)?.blur();
          });
          const walked: string[] = [];
          for (let step = 0; step < 60; step++) {
            await page.keyboard.press('Tab');
            const focus = await focusIsVisible(page);
            walked.push(focus.what);
            expect(focus, `Tab ${step + 1}`).toMatchObject({ visible: true });
            const inHistory = await page.evaluate(
              (label) => !!document.activeElement?.closest(`ul[aria-label="${label}"]`),
              HISTORY
            );
            if (inHistory) break;
          }
          // The walk went through the whole form, past the sticky bar, to the history.
          expect(walked.some((what) => what.startsWith('select#seed') || what.startsWith('input#seed'))).toBe(true);
          expect(walked.at(-1)).toMatch(/^button# "Image 1 of/);
        } finally {
          await context.close();
        }
      }
    );
  }
});

describe('studio form that keeps the work and helps', () => {
  it.skipIf(skipWithoutChromium)('should restore the draft prompt and settings after a reload', async () => {
    const context = await newContext(VIEWPORTS.desktop);
    try {
      const page = await openStudio(context, server!.url);
      await page.getByLabel('Prompt', { exact: true }).fill('a draft that must survive a reload');
      await page.getByLabel('Size').selectOption('512x512');
      await page.getByLabel('Images', { exact: true }).selectOption('3');
      await page.getByLabel('Seed', { exact: true }).fill('4242');
      await page.getByRole('checkbox', { name: /^Keep seed/ }).check();

      await page.reload();
      await page.locator('.health:not([data-state="checking"])').waitFor();

      await expect
        .poll(() => page.getByLabel('Prompt', { exact: true }).inputValue())
        .toBe('a draft that must survive a reload');
      expect(await page.getByLabel('Size').inputValue()).toBe('512x512');
      expect(await page.getByLabel('Images', { exact: true }).inputValue()).toBe('3');
      expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('4242');
      expect(await page.getByRole('checkbox', { name: /^Keep seed/ }).isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it.skipIf(skipWithoutChromium)("should carry each result's seed to the next request with Keep seed", async () => {
    const context = await newContext(VIEWPORTS.desktop);
    try {
      const page = await openStudio(context, server!.url);
      const seed = page.getByLabel('Seed', { exact: true });
      await seed.fill('');
      await generateInStudio(page, 'a random seed, then kept', 1);
      expect(await seed.inputValue()).toBe('');

      await page.getByRole('checkbox', { name: /^Keep seed/ }).check();
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      await expect.poll(() => seed.inputValue()).not.toBe('');

      const response = await fetch(`${server!.url}/api/images/history?limit=1`, {
        headers: { authorization: `Bearer ${apiKey}` }
      });
      const [newest] = ((await response.json()) as { images: { seed: number }[] }).images;
      expect(await seed.inputValue()).toBe(String(newest!.seed));
    } finally {
      await context.close();
    }
  });

  it.skipIf(skipWithoutChromium)('should offer Undo after Reuse settings, putting back what was typed', async () => {
    const context = await newContext(VIEWPORTS.desktop);
    try {
      const page = await openStudio(context, server!.url);
      await generateInStudio(page, 'an image whose settings get reused', 1);
      await page.getByLabel('Prompt', { exact: true }).fill('words I typed myself');
      await page.getByLabel('Seed', { exact: true }).fill('');

      await page.getByRole('list', { name: RESULTS }).getByRole('button').first().click();
      const dialog = page.getByRole('dialog', { name: 'Image details' });
      await dialog.getByRole('button', { name: 'Reuse settings' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe('an image whose settings get reused');
      expect(await page.getByLabel('Seed', { exact: true }).inputValue()).not.toBe('');

      await page.getByRole('button', { name: 'Undo', exact: true }).click();

      expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe('words I typed myself');
      expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('');
      expect(await page.getByLabel('Size').inputValue()).toBe('256x256');
    } finally {
      await context.close();
    }
  });

  it.skipIf(skipWithoutChromium)(
    'should show a refused count beside the field, with the limit re-read and the allowed count offered',
    async () => {
      const context = await newContext(VIEWPORTS.desktop);
      const admin = (await trpcCall('account.me')) as { id: string };
      try {
        const page = await openStudio(context, server!.url);
        await page.getByLabel('Prompt', { exact: true }).fill('four images, if the account still may');
        await page.getByLabel('Images', { exact: true }).selectOption('4');
        // An admin lowers the limit while the studio is open.
        await trpcCall('admin.updateUser', { id: admin.id, patch: { maxImagesPerRequest: 2 } });

        await page.getByRole('button', { name: 'Generate', exact: true }).click();

        const refusal = page.locator('#count-error');
        await refusal.waitFor();
        expect(await refusal.textContent()).toMatch(/^Your account may generate at most 2 images per request/);
        // Focus goes to the refused field, not to the page body from the Generate button that turned off.
        await page.waitForFunction(() => document.activeElement?.id === 'count');
        expect(await page.getByRole('alert').allTextContents()).not.toContainEqual(
          expect.stringContaining('Invalid input')
        );
        const offer = page.getByRole('button', { name: 'Ask for 2 images' });
        await offer.waitFor();
        expect(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled()).toBe(true);
        expect(await page.getByTestId('generate-blocker').textContent()).toBe(
          'Your account may generate at most 2 images at once.'
        );
        await saveScreenshot(page, 'a11y-count-refused');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);

        await offer.click();

        expect(await page.getByLabel('Images', { exact: true }).inputValue()).toBe('2');
        expect(await refusal.count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Generate', exact: true }).isEnabled()).toBe(true);
        expect(
          await page.getByLabel('Images', { exact: true }).locator('option:not([disabled])').allTextContents()
        ).toStrictEqual(['1', '2']);
      } finally {
        await trpcCall('admin.updateUser', { id: admin.id, patch: { maxImagesPerRequest: null } });
        await context.close();
      }
    }
  );

  it.skipIf(skipWithoutChromium)(
    'should move focus to the new key form after "I have saved it" instead of dropping it',
    async () => {
      const context = await newContext(VIEWPORTS.desktop);
      try {
        const page = await openStudio(context, server!.url);
        await page.goto(`${server!.url}/account`);
        await page.getByLabel('Name', { exact: true }).fill('focus check');
        await page.getByTestId('create-key').click();
        const saved = page.getByRole('button', { name: 'I have saved it' });
        await saved.click();
        await page.waitForFunction(() => document.activeElement?.id === 'key-name');
      } finally {
        await context.close();
      }
    }
  );
});
