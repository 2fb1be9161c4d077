import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';

const DESKTOP = { width: 1280, height: 800 };
/** A browser walk with two generations and a few preset calls, on a machine shared with other work. */
const WALK_TIMEOUT_MS = 120_000;
const RESULTS = 'ul[aria-label="Images from the last request"]';

const serverUrl = inject('serverUrl');

const browser = useChromium();

async function openPresets(page: Page) {
  await page.getByText('Presets and templates').click();
  await page.getByRole('list', { name: 'Style presets' }).getByRole('button').first().waitFor();
}

function presetButton(page: Page, name: string) {
  return page.getByRole('list', { name: 'Style presets' }).getByRole('button', { name, exact: true });
}

/** Generates with the form as it is and opens the first result in the lightbox. */
async function generateAndOpen(page: Page, prompt: string) {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.locator(`${RESULTS} img[alt="${prompt}"], [role="alert"]`).first().waitFor();
  expect(await page.getByRole('alert').allTextContents()).toStrictEqual([]);
  await page.locator(`${RESULTS} button`).first().click();
  const dialog = page.getByRole('dialog', { name: 'Image details' });
  await dialog.waitFor();
  return dialog;
}

describe('style presets in the studio', () => {
  it.skipIf(skipWithoutChromium)(
    'should fill the form from a built-in preset, undo it, and generate with it',
    async () => {
      const subject = `a harbour at dusk ${randomUUID().slice(0, 8)}`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        const prompt = page.getByLabel('Prompt', { exact: true });
        await page.getByLabel('Size').selectOption('256x256');
        await prompt.fill(subject);
        await openPresets(page);
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await saveScreenshot(page, 'presets-picker');

        await presetButton(page, 'Cyberpunk').click();
        await page.getByRole('button', { name: 'Undo' }).waitFor();
        const applied = await prompt.inputValue();
        expect(applied).toMatch(new RegExp(`^cyberpunk scene, ${subject}, neon magenta`));

        await page.getByRole('button', { name: 'Undo' }).click();
        expect(await prompt.inputValue()).toBe(subject);

        await presetButton(page, 'Cyberpunk').focus();
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: 'Undo' }).waitFor();
        expect(await prompt.inputValue()).toBe(applied);

        const dialog = await generateAndOpen(page, applied);
        expect(await dialog.getByTestId('lightbox-prompt').textContent()).toBe(applied);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );

  it.skipIf(skipWithoutChromium)(
    'should save an image as a preset from the lightbox and apply its size and style',
    async () => {
      const name = `Pastel ${randomUUID().slice(0, 8)}`;
      const subject = `a quiet bay ${randomUUID().slice(0, 8)}`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        await page.getByLabel('Size').selectOption('512x512');
        await page.getByLabel('Style', { exact: true }).selectOption('pastel');
        await page.getByLabel('Prompt', { exact: true }).fill(subject);
        const dialog = await generateAndOpen(page, subject);

        await dialog.getByRole('button', { name: 'Save as preset' }).click();
        await dialog.getByLabel('Preset name').fill(name);
        await dialog.getByRole('button', { name: 'Save', exact: true }).click();
        await dialog.getByText(`Saved the preset “${name}”`).waitFor();
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await saveScreenshot(page, 'presets-saved-from-lightbox');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });

        await page.getByLabel('Size').selectOption('256x256');
        await page.getByLabel('Style', { exact: true }).selectOption('neon');
        await openPresets(page);
        const saved = presetButton(page, name);
        expect(await saved.locator('img').getAttribute('src')).toMatch(/^\/files\//);
        await saved.click();
        await page.getByText(`Applied the preset “${name}”.`).waitFor();

        expect(await page.getByLabel('Size').inputValue()).toBe('512x512');
        expect(await page.getByLabel('Style', { exact: true }).inputValue()).toBe('pastel');
        await saveScreenshot(page, 'presets-applied');
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );
});
