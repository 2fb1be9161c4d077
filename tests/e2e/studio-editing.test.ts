import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';

const DESKTOP = { width: 1280, height: 800 };
/** A browser walk of several requests, each building and storing images, on a machine shared with other work. */
const WALK_TIMEOUT_MS = 180_000;
const SOURCE_SIZE = 256;

const serverUrl = inject('serverUrl');
const authorization = `Bearer ${inject('apiKey')}`;

const browser = useChromium();

/**
 * Draws a small PNG in the page and hands it to the studio as `how` says: dropped on the prompt panel
 * (a DataTransfer in drag events) or pasted (a clipboard event), the way a person's browser delivers it.
 */
async function deliverImage(page: Page, name: string, how: 'drop' | 'paste'): Promise<void> {
  await page.evaluate(
    async ({ name, how, size }) => {
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const painter = canvas.getContext('2d')!;
      const sky = painter.createLinearGradient(0, 0, 0, size);
      sky.addColorStop(0, '#1d3b6b');
      sky.addColorStop(1, '#e9a86b');
      painter.fillStyle = sky;
      painter.fillRect(0, 0, size, size);
      painter.fillStyle = '#f3e6c4';
      painter.beginPath();
      painter.arc(size * 0.65, size * 0.4, size * 0.12, 0, Math.PI * 2);
      painter.fill();
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((png) => resolve(png!), 'image/png'));
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], name, { type: 'image/png' }));
      if (how === 'paste') {
        document.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })
        );
        return;
      }
      const panel = document.querySelector('form[aria-label="Generate images"]')!;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        panel.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { name, how, size: SOURCE_SIZE }
  );
}

function sourceChip(page: Page): Locator {
  return page.getByRole('group', { name: 'Start from an image' });
}

/** The pixel width of the file the image shows (its srcset pick), decoded from its bytes once it loaded. */
async function shownFileWidth(image: Locator): Promise<number> {
  return image.evaluate(async (element) => {
    const picture = element as HTMLImageElement;
    if (!picture.complete || picture.naturalWidth === 0) {
      await new Promise((resolve) => picture.addEventListener('load', resolve, { once: true }));
    }
    const bitmap = await createImageBitmap(await (await fetch(picture.currentSrc)).blob());
    return bitmap.width;
  });
}

/** Names of the controls Tab visits from the focused one, `count` presses (arrows and pixel counts left out). */
async function tabWalk(page: Page, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let press = 0; press < count; press++) {
    await page.keyboard.press('Tab');
    names.push(
      await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement | null;
        if (!focused) return '';
        const labelled = focused.getAttribute('aria-label') ?? (focused as HTMLInputElement).labels?.[0]?.textContent;
        return (labelled ?? focused.textContent ?? '')
          .replace(/[←→]|\d+ px/g, '')
          .replace(/\s+/g, ' ')
          .trim();
      })
    );
  }
  return names;
}

describe('studio editing', () => {
  it.skipIf(skipWithoutChromium)(
    'should take a dropped image, inpaint a painted mask with local, upscale it and walk the lineage',
    async () => {
      const name = `harbour-sketch-${Date.now()}.png`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);

        await deliverImage(page, name, 'drop');

        const chip = sourceChip(page);
        await chip.waitFor();
        expect(await chip.textContent()).toContain(name);
        await saveScreenshot(page, 'editing-source-chip');

        await chip.getByRole('button', { name: 'Edit…' }).click();
        const editor = page.getByRole('dialog', { name: 'Edit image' });
        await editor.waitFor();
        const surface = editor.getByRole('application', { name: 'Mask: paint the area to change' });
        await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'application');
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await saveScreenshot(page, 'editing-editor-open');

        const box = (await surface.boundingBox())!;
        await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.3);
        await page.mouse.down();
        for (let step = 1; step <= 10; step++) {
          await page.mouse.move(box.x + box.width * (0.25 + step * 0.04), box.y + box.height * (0.3 + step * 0.03));
        }
        await page.mouse.up();
        const coverage = editor.getByText(/% of the image will change\.$/);
        await coverage.waitFor();
        await saveScreenshot(page, 'editing-mask-painted');

        await editor.getByLabel('Prompt for the new area').fill('a lighthouse on the horizon');
        await editor.getByRole('button', { name: 'Inpaint', exact: true }).click();

        const details = page.getByRole('dialog', { name: 'Image details' });
        await details.or(editor.getByRole('alert')).first().waitFor();
        expect(await page.getByRole('alert').allTextContents()).toStrictEqual([]);
        expect(await details.getByTestId('lightbox-prompt').textContent()).toBe('a lighthouse on the horizon');
        const parents = details.getByRole('list', { name: 'Made from (parent first)' });
        expect(await parents.getByRole('button').first().getAttribute('aria-label')).toBe(
          `Parent: uploaded image, ${name}`
        );
        expect(await page.locator('ul[aria-label="Images from the last request"] img').count()).toBe(1);

        await details.getByLabel('Fast (Lanczos)').check();
        await details.getByRole('group', { name: 'Upscale' }).getByRole('button', { name: '2×' }).click();

        await details.getByRole('list', { name: 'Made from (parent first)' }).getByRole('button').nth(1).waitFor();
        expect(await page.getByRole('alert').allTextContents()).toStrictEqual([]);
        expect(await shownFileWidth(details.locator('figure img'))).toBe(SOURCE_SIZE * 2);
        const lineage = await parents
          .getByRole('button')
          .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));
        expect(lineage).toStrictEqual([
          'Parent: inpainted image, a lighthouse on the horizon',
          `Earlier ancestor: uploaded image, ${name}`
        ]);
        await saveScreenshot(page, 'editing-lineage');

        // Up walks to the parent (the inpainted image), down comes back to its newest child (the upscale).
        await page.keyboard.press('ArrowUp');
        await details.getByRole('list', { name: 'Made from this image' }).waitFor();
        expect(await shownFileWidth(details.locator('figure img'))).toBe(SOURCE_SIZE);
        await page.keyboard.press('ArrowDown');
        await details.getByRole('button', { name: 'Earlier ancestor: uploaded image', exact: false }).waitFor();
        expect(await shownFileWidth(details.locator('figure img'))).toBe(SOURCE_SIZE * 2);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );

  it.skipIf(skipWithoutChromium)(
    'should work the mask editor from the keyboard alone',
    async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await deliverImage(page, 'pasted-sketch.png', 'paste');
        const chip = sourceChip(page);
        await chip.waitFor();
        expect(await chip.textContent()).toContain('pasted-sketch.png');

        await chip.getByRole('button', { name: 'Edit…' }).focus();
        await page.keyboard.press('Enter');
        const editor = page.getByRole('dialog', { name: 'Edit image' });
        await editor.waitFor();
        await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'application');

        const sizeBefore = await editor.getByLabel(/Brush size/).inputValue();
        await page.keyboard.press(']');
        expect(Number(await editor.getByLabel(/Brush size/).inputValue())).toBeGreaterThan(Number(sizeBefore));
        await page.keyboard.press('Space');
        await page.keyboard.press('Shift+ArrowRight');
        await page.keyboard.press('Space');
        await editor.getByText(/% of the image will change\.$/).waitFor();

        const walk = await tabWalk(page, 9);
        expect(walk).toStrictEqual([
          'Details',
          'Inpaint',
          'Brush size',
          'Erase',
          'Invert',
          'Clear',
          'Undo',
          'Prompt for the new area',
          'Inpaint'
        ]);
        await saveScreenshot(page, 'editing-keyboard');

        // Undo takes back the last dab, Enter on Clear the rest; Inpaint is then refused before any request.
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Enter');
        await editor.getByText('Nothing painted yet: paint over what should change.').waitFor();
        expect(await editor.getByRole('button', { name: 'Inpaint', exact: true }).isDisabled()).toBe(true);

        await page.keyboard.press('Escape');
        await page.getByRole('dialog', { name: 'Image details' }).waitFor();
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );

  it.skipIf(skipWithoutChromium)(
    'should offer Remove background only with a model that can, and say why not',
    async () => {
      const generated = await fetch(`${serverUrl}/api/images/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ prompt: 'a lighthouse to edit', size: '256x256' })
      });
      expect(generated.status).toBe(200);
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await page.locator('ul[aria-label="Your earlier images, newest first"] button').first().click();
        const details = page.getByRole('dialog', { name: 'Image details' });
        await details.waitFor();

        const remove = details.getByRole('button', { name: 'Remove background' });
        expect(await remove.isDisabled()).toBe(true);
        const reason = await page.locator(`#${await remove.getAttribute('aria-describedby')}`).textContent();
        expect(reason).toMatch(/STABILITY_API_KEY/);
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await saveScreenshot(page, 'editing-actions');
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );
});
