import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { saveScreenshot } from './screenshot';

const DESKTOP = { width: 1280, height: 800 };
const WALK_TIMEOUT_MS = 90_000;

const serverUrl = inject('serverUrl');

const browser = useChromium();

describe('Enhance in the studio', () => {
  it.skipIf(skipWithoutChromium)(
    'should show before and after, take a suggestion chip from the keyboard, accept it and undo to the exact prior text',
    async () => {
      // Trailing spaces and a line break: Undo must give back the text exactly as typed.
      const typed = `a red fox in the snow ${randomUUID().slice(0, 8)}  \n`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        const prompt = page.getByLabel('Prompt', { exact: true });
        await prompt.fill(typed);

        await page.getByRole('button', { name: 'Enhance prompt' }).click();
        const proposal = page.getByRole('region', { name: /Enhanced prompt/ });
        await proposal.waitFor();
        expect(await page.getByRole('alert').allTextContents()).toStrictEqual([]);
        expect(await proposal.getByRole('heading').textContent()).toMatch(/by built-in rules/);
        const after = proposal.getByTestId('enhanced-prompt');
        const enhanced = (await after.textContent()) ?? '';
        expect(enhanced.startsWith(`${typed.trim()}, `)).toBe(true);
        expect(await proposal.getByRole('list').getByRole('listitem').allTextContents()).toEqual(
          expect.arrayContaining(['red', 'fox', 'snow'])
        );
        expect(await seriousAxeViolations(page)).toStrictEqual([]);
        await saveScreenshot(page, 'enhance-proposal');

        const chips = proposal.getByRole('group', { name: 'Other directions' }).getByRole('button');
        expect(await chips.count()).toBeGreaterThanOrEqual(3);
        await chips.nth(1).focus();
        await page.keyboard.press('Enter');
        expect(await chips.nth(1).getAttribute('aria-pressed')).toBe('true');
        const suggestion = (await after.textContent()) ?? '';
        expect(suggestion).not.toBe(enhanced);
        expect(suggestion.startsWith(`${typed.trim()}, `)).toBe(true);

        await proposal.getByRole('button', { name: 'Accept' }).click();
        expect(await prompt.inputValue()).toBe(suggestion);
        expect(await proposal.count()).toBe(0);

        const undo = page.getByRole('button', { name: 'Undo enhance' });
        await undo.focus();
        await page.keyboard.press('Enter');
        expect(await prompt.inputValue()).toBe(typed);
        expect(await undo.count()).toBe(0);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );

  it.skipIf(skipWithoutChromium)(
    'should dismiss a proposal with Escape and leave the prompt as it was',
    async () => {
      const typed = `a lighthouse ${randomUUID().slice(0, 8)}`;
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await openStudio(context, serverUrl);
        const prompt = page.getByLabel('Prompt', { exact: true });
        await prompt.fill(typed);

        await page.getByRole('button', { name: 'Enhance prompt' }).click();
        const proposal = page.getByRole('region', { name: /Enhanced prompt/ });
        await proposal.waitFor();
        await page.keyboard.press('Escape');

        expect(await proposal.count()).toBe(0);
        expect(await prompt.inputValue()).toBe(typed);
      } finally {
        await context.close();
      }
    },
    WALK_TIMEOUT_MS
  );
});
