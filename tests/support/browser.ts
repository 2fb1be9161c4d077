import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { E2E_ADMIN } from './e2e-auth';

/** Debian's Chromium, driven by playwright-core (nothing is downloaded). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export const chromiumMissing = !existsSync(CHROMIUM_PATH);
/** Outside CI a machine without Chromium skips the browser suites (loudly); under CI=true they fail. */
export const skipWithoutChromium = chromiumMissing && process.env.CI !== 'true';

export function launchChromium(): Promise<Browser> {
  if (chromiumMissing) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; CI must run the browser tests, so install Debian's chromium package.`
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * One Chromium for a suite's file, launched before its tests (not where Chromium is missing and the suite is
 * skipped) and closed after them.
 */
export function useChromium(): Pick<Browser, 'newContext'> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!skipWithoutChromium) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    newContext(options) {
      if (!browser) throw new Error('Chromium was not launched for this suite.');
      return browser.newContext(options);
    }
  };
}

/** Signs the context in as the e2e admin, opens the studio and waits for hydration (the health badge leaves "checking"). */
export async function openStudio(context: BrowserContext, baseUrl: string): Promise<Page> {
  const signIn = await context.request.post(`${baseUrl}/api/auth/sign-in/email`, {
    data: E2E_ADMIN,
    headers: { origin: baseUrl }
  });
  expect(signIn.status()).toBe(200);
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.locator('.health:not([data-state="checking"])').waitFor();
  return page;
}
