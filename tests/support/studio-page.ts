import type { Page } from 'playwright-core';

/** Generates `count` images of `size` from the studio's form and waits for the live region to say they are ready. */
export async function generateInStudio(page: Page, prompt: string, count: number, size = '256x256'): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByLabel('Size', { exact: true }).selectOption(size);
  await page.getByLabel('Images', { exact: true }).selectOption(String(count));
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByTestId('studio-announcement').filter({ hasText: /ready/ }).waitFor();
}

/** Resolves with the first matching image's natural width once it loaded (0 when it failed). */
export function loadedWidth(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (element) =>
        new Promise<number>((resolve) => {
          const image = element as HTMLImageElement;
          if (image.complete) resolve(image.naturalWidth);
          else {
            image.addEventListener('load', () => resolve(image.naturalWidth), { once: true });
            image.addEventListener('error', () => resolve(0), { once: true });
          }
        })
    );
}
