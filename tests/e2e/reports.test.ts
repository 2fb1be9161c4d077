import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';

const DESKTOP = { width: 1280, height: 800 };
/** One walk through the studio and the admin page on a machine shared with other work. */
const WALK_TIMEOUT_MS = 240_000;

const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;

const browser = useChromium();

type SeedImage = { id: string; url: string; thumbnailUrl: string };

async function makeImage(prompt: string): Promise<SeedImage> {
  const response = await fetch(`${serverUrl}/api/images/generate`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt, provider: 'local', size: '256x256' })
  });
  expect(response.status).toBe(200);
  const { images } = (await response.json()) as { images: SeedImage[] };
  return images[0]!;
}

/** What the image's public links answer someone without a session. */
async function publicStatuses(image: SeedImage): Promise<number[]> {
  return Promise.all([image.url, image.thumbnailUrl].map(async (url) => (await fetch(url)).status));
}

describe('reports', () => {
  it('should report over REST once per person, replacing the report the second time', async () => {
    const image = await makeImage(`rest report ${Date.now()}`);
    const report = (body: object) =>
      fetch(`${serverUrl}/api/images/${image.id}/report`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      });

    const first = await report({ reason: 'spam', details: 'an ad' });
    const second = await report({ reason: 'other' });
    const invalid = await report({ reason: 'boring' });
    const missing = await fetch(`${serverUrl}/api/images/${crypto.randomUUID()}/report`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'spam' })
    });

    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ success: true, created: true, report: { reason: 'spam' } });
    expect(await second.json()).toMatchObject({ success: true, created: false, report: { reason: 'other' } });
    expect(invalid.status).toBe(400);
    expect(await missing.json()).toMatchObject({ success: false, kind: 'not_found' });
  });

  it.skipIf(skipWithoutChromium)(
    'should report from the lightbox, hide from the admin queue (public links 404) and restore',
    async () => {
      const word = `reporttest${Date.now()}`;
      const image = await makeImage(`a lone tower ${word}`);
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await page.goto(`${serverUrl}/library?text=${word}`);
        const cell = page.getByRole('grid').getByRole('gridcell').first();
        await cell.focus();
        await page.keyboard.press('Enter');
        const lightbox = page.getByRole('dialog', { name: 'Image details' });
        await lightbox.waitFor();

        // The report dialog: a reason radio, details, sent with the keyboard.
        await lightbox.getByRole('button', { name: 'Report…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Report this image' });
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Send report' }).click();
        await dialog.getByRole('alert').filter({ hasText: 'Choose a reason.' }).waitFor();
        await dialog.getByRole('radio', { name: 'Spam' }).check();
        await dialog.getByLabel(/Details/).fill('Looks like an advert.');
        await saveScreenshot(page, 'report-dialog');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await dialog.getByRole('button', { name: 'Send report' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await lightbox.getByText('Reported. An admin will look at it.').waitFor();
        await page.keyboard.press('Escape');

        // The admin queue: the report with its thumbnail, hidden from there.
        await page.goto(`${serverUrl}/admin`);
        const queue = page.getByRole('region', { name: 'Reports' });
        const entry = queue.getByTestId('report').filter({ hasText: word });
        await entry.getByText('Looks like an advert.').waitFor();
        expect(await entry.getAttribute('data-status')).toBe('open');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await entry.scrollIntoViewIfNeeded();
        await saveScreenshot(page, 'report-queue');
        await entry.getByRole('button', { name: 'Hide' }).click();
        await queue.getByRole('status').filter({ hasText: 'Image hidden' }).waitFor();
        await expect.poll(() => entry.getAttribute('data-status')).toBe('hidden');
        expect(await publicStatuses(image)).toStrictEqual([404, 404]);
        expect((await context.request.get(image.url)).status()).toBe(200);

        // The owner still sees it, marked.
        await page.goto(`${serverUrl}/library?text=${word}`);
        await expect.poll(() => cell.getAttribute('aria-label')).toMatch(/hidden by an admin$/);
        await saveScreenshot(page, 'report-hidden-in-library');
        await cell.focus();
        await page.keyboard.press('Enter');
        await lightbox.getByTestId('lightbox-hidden').waitFor();
        await page.keyboard.press('Escape');

        // Restored: the links answer everyone again.
        await page.goto(`${serverUrl}/admin`);
        await entry.getByRole('button', { name: 'Restore' }).click();
        await queue.getByRole('status').filter({ hasText: 'Image restored' }).waitFor();
        expect(await publicStatuses(image)).toStrictEqual([200, 200]);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );
});
