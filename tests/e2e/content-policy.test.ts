import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake';
import { seriousAxeViolations } from '../support/axe';
import { openStudio, skipWithoutChromium, useChromium } from '../support/browser';
import { startBuiltServer, type BuiltServer } from '../support/built-server';
import { createApiKeyOverHttp, signIn } from '../support/e2e-auth';
import { saveScreenshot } from './screenshot';

/**
 * The content policy through the built server: REST refuses a prompt OpenAI's moderation (its fake) flags
 * with 422 `content_policy` and the reason, storing nothing; the admin switches the policy to Allow on the
 * Admin page (accessible), and the same prompt then makes its image.
 */

const FLAGGED_PROMPT = 'a bloody massacre at the harbour';

let openai: OpenAIFake;
let server: BuiltServer;
let authorization: string;
const browser = useChromium();

beforeAll(async () => {
  openai = await startOpenAIFake();
  openai.flagInModeration('bloody massacre', ['violence', 'violence/graphic']);
  server = await startBuiltServer({ env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl } });
  authorization = `Bearer ${await createApiKeyOverHttp(server.url, await signIn(server.url), ['read', 'generate', 'admin'])}`;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await openai?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  return { status: response.status, body: await response.json() };
}

describe('the content policy over REST and on the Admin page', () => {
  it('should refuse a flagged prompt with 422 content_policy and the reason, storing nothing', async () => {
    openai.requests.length = 0;

    const refused = await call('POST', '/api/images/generate', {
      prompt: FLAGGED_PROMPT,
      provider: 'local',
      size: '256x256'
    });
    const history = await call('GET', '/api/images/history?limit=10');

    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      success: false,
      kind: 'content_policy',
      message: expect.stringContaining('OpenAI moderation (violence, violence/graphic)')
    });
    expect(openai.requests.map((request) => request.path)).toStrictEqual(['/v1/moderations']);
    expect(history.body.images).toStrictEqual([]);
  });

  it.skipIf(skipWithoutChromium)(
    'should let the admin allow flagged prompts from an accessible settings form, after which the prompt makes its image',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
      try {
        const page = await openStudio(context, server.url);
        await page.goto(`${server.url}/admin`);
        const form = page.locator('form.settings');
        await form.getByRole('radio', { name: /^Allow/ }).check();
        await form.getByLabel('NSFW threshold (0–1)').fill('0.5');
        await form.getByRole('button', { name: 'Save settings' }).click();
        await expect.poll(() => form.getByRole('status').textContent()).toBe('Saved.');
        const violations = await seriousAxeViolations(page);
        await saveScreenshot(page, 'admin-content-policy');

        expect(violations).toStrictEqual([]);
      } finally {
        await context.close();
      }
      const settings = await call('GET', '/api/trpc/admin.getSettings');
      const allowed = await call('POST', '/api/images/generate', {
        prompt: FLAGGED_PROMPT,
        provider: 'local',
        size: '256x256'
      });

      expect(settings.body.result.data).toMatchObject({ contentPolicy: 'allow', nsfwThreshold: 0.5 });
      expect(allowed.body).toMatchObject({ success: true, count: 1 });
      expect(allowed.status).toBe(200);
    }
  );
});
