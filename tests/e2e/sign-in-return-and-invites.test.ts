import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { E2E_ADMIN } from '../support/e2e-auth';
import { saveScreenshot } from './screenshot';

let openai: OpenAIFake | undefined;
let server: BuiltServer | undefined;
const chromium = useChromium();

beforeAll(async () => {
  openai = await startOpenAIFake();
  // Two providers (local and OpenAI's fake), so limiting an account to one leaves another to refuse.
  server = await startBuiltServer({ env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await openai?.close();
});

async function signInWithForm(page: Page, credentials: { email: string; password: string }) {
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.locator('form button[type="submit"]').click();
}

describe.skipIf(skipWithoutChromium)('sign-in returns to the requested page', () => {
  it('should send a signed-out visit to sign-in and, after signing in, open the page it asked for', async () => {
    const context = await chromium.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();

    await page.goto(`${server!.url}/admin?tab=users`);
    await page.waitForURL(`${server!.url}/sign-in?redirectTo=%2Fadmin%3Ftab%3Dusers`);
    await page.getByRole('heading', { name: 'Sign in to Atelier' }).waitFor();
    expect(await seriousAxeViolations(page)).toStrictEqual([]);
    await signInWithForm(page, E2E_ADMIN);

    await page.waitForURL(`${server!.url}/admin?tab=users`);
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    await context.close();
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example'])(
    'should open the studio instead of %s after signing in',
    async (target) => {
      const context = await chromium.newContext();
      const page = await context.newPage();

      await page.goto(`${server!.url}/sign-in?redirectTo=${encodeURIComponent(target)}`);
      await signInWithForm(page, E2E_ADMIN);
      await page.waitForURL(`${server!.url}/`);
      // Signed in, the sign-in page sends the visitor on at once: the same refusal on the server's side.
      const again = await page.goto(`${server!.url}/sign-in?redirectTo=${encodeURIComponent(target)}`);

      expect(again?.url()).toBe(`${server!.url}/`);
      await context.close();
    }
  );
});

describe.skipIf(skipWithoutChromium)('invites and allowed providers', () => {
  it('should pre-fill and lock the invited email, then limit the new account to the providers the admin ticks', async () => {
    const adminContext = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await openStudio(adminContext, server!.url);
    await admin.goto(`${server!.url}/admin`);
    await admin.getByLabel(/^Email/).fill('bo@e2e.test');
    await admin.getByRole('button', { name: 'Create invite link' }).click();
    const link = (await admin.getByTestId('invite-link').textContent())!.trim();

    const boContext = await chromium.newContext({ viewport: { width: 390, height: 844 } });
    const bo = await boContext.newPage();
    await bo.goto(link);
    await bo.getByRole('heading', { name: 'Create your account' }).waitFor();
    const email = bo.getByLabel('Email');
    expect(await email.inputValue()).toBe('bo@e2e.test');
    expect(await email.isEditable()).toBe(false);
    expect(await seriousAxeViolations(bo)).toStrictEqual([]);
    await saveScreenshot(bo, 'invite-prefilled-phone');
    await bo.getByLabel('Name').fill('Bo');
    await bo.getByLabel('Password', { exact: true }).fill('bo-e2e-password');
    await bo.locator('form button[type="submit"]').click();
    await bo.waitForURL(`${server!.url}/`);

    await admin.reload();
    await admin.getByRole('button', { name: 'Edit bo@e2e.test' }).click();
    const editor = admin.getByRole('dialog');
    await editor.getByText('No provider ticked allows every provider').waitFor();
    expect(await editor.locator('input[type="checkbox"][value^="openai/"]').count()).toBeGreaterThan(0);
    await editor.locator('input[type="checkbox"][value="local"]').check();
    expect(await seriousAxeViolations(admin)).toStrictEqual([]);
    await saveScreenshot(admin, 'admin-allowed-providers');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });

    const generate = (provider: string) =>
      boContext.request.post(`${server!.url}/api/trpc/images.generate`, {
        headers: { origin: server!.url },
        data: { prompt: 'a lighthouse at dusk', provider, size: '256x256' }
      });
    const refused = await generate('openai');
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toMatch(/may not use provider openai; allowed: local/);
    expect((await generate('local')).status()).toBe(200);
    await Promise.all([adminContext.close(), boContext.close()]);
  });
});
