import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { launchChromium, skipWithoutChromium } from '../support/browser';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { setupLinkOf } from '../support/e2e-auth';
import { saveScreenshot } from './screenshot';

describe('first run in the studio', () => {
  // A first-run instance: no ATELIER_ADMIN_*, so the admin is created with the setup link from the server's log.
  let server: BuiltServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (skipWithoutChromium) return;
    server = await startBuiltServer({ withoutAdmin: true, timeoutMs: 90_000 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.skipIf(skipWithoutChromium)(
    'should create the admin from the setup link with the sign-up policy chosen, sign out and in, create an API key and use it from an MCP client',
    async () => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(server!.url);

      await page.waitForURL(/\/sign-in$/);
      await page.getByRole('heading', { name: /create the admin account/i }).waitFor();
      expect(await page.getByTestId('setup-help').textContent()).toMatch(/setup link.*log.*ATELIER_ADMIN_EMAIL/s);
      expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
      const stranger = await fetch(`${server!.url}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server!.url },
        body: JSON.stringify({ name: 'Stranger', email: 'stranger@e2e.test', password: 'stranger-password' })
      });
      expect(stranger.status).toBe(403);

      await page.goto(await setupLinkOf(server!));
      await page.waitForURL(/\/sign-in\?code=/);
      await page.getByLabel('Name').fill('First Admin');
      await page.getByLabel('Email').fill('first@e2e.test');
      await page.getByLabel('Password', { exact: true }).fill('first-admin-password');
      expect(await page.getByRole('radio', { name: /invite only \(recommended\)/i }).isChecked()).toBe(true);
      expect(await seriousAxeViolations(page)).toStrictEqual([]);
      await saveScreenshot(page, 'first-run');
      await page.getByRole('radio', { name: /^open/i }).check();
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL(`${server!.url}/`);
      const status = await (await fetch(`${server!.url}/api/trpc/account.setupStatus`)).json();
      expect(status.result.data).toStrictEqual({ setupRequired: false, signUpPolicy: 'open' });

      await page.getByRole('button', { name: /sign out/i }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel('Email').fill('first@e2e.test');
      await page.getByLabel('Password', { exact: true }).fill('first-admin-password');
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL(`${server!.url}/`);

      await page.goto(`${server!.url}/account`);
      await page.locator('#key-name').fill('assistant');
      await page.getByTestId('create-key').click();
      const secret = (await page.getByTestId('new-key-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^atk_/);
      await page.getByTestId('api-key-row').first().waitFor();
      expect(await page.getByTestId('api-key-row').count()).toBe(1);
      await context.close();

      const client = new Client({ name: 'first-run', version: '0.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${server!.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${secret}` } }
        })
      );
      try {
        const result = (await client.callTool({
          name: 'generate_image',
          arguments: { prompt: 'first run harbour', size: '256x256' }
        })) as CallToolResult;
        expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
        const [image] = (result.structuredContent as { images: Array<{ status: string }> }).images;
        expect(image?.status).toBe('completed');
      } finally {
        await client.close();
      }
    },
    120_000
  );
});
