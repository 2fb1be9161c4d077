import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Keeps what the browser saw as `atelier-studio-<name>.png` in `ATELIER_SCREENSHOT_DIR` (e.g. /tmp) for a person
 * to look at; without that variable nothing is written, so CI runs stay clean.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const directory = process.env.ATELIER_SCREENSHOT_DIR;
  if (!directory) return;
  await page.screenshot({ path: join(directory, `atelier-studio-${name}.png`) });
}
