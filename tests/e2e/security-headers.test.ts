import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openStudio, skipWithoutChromium } from '../support/browser';
import { signIn } from '../support/e2e-auth';

const serverUrl = inject('serverUrl');
/** A page on a foreign origin, answered by the browser itself (no server listens there). */
const FOREIGN_PAGE = 'http://framing-attacker.test/';

function directivesOf(csp: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('security headers on pages', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn(serverUrl);
  });

  it.each([
    ['/', 'signed in'],
    ['/admin', 'signed in'],
    ['/account', 'signed in'],
    ['/sign-in', 'signed out']
  ])('should send a CSP that forbids framing and foreign scripts on %s (%s)', async (path, state) => {
    const headers: Record<string, string> = state === 'signed in' ? { cookie } : {};
    const response = await fetch(`${serverUrl}${path}`, { headers, redirect: 'manual' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = directivesOf(response.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toStrictEqual(["'none'"]);
    expect(csp.get('default-src')).toStrictEqual(["'self'"]);
    expect(csp.get('object-src')).toStrictEqual(["'none'"]);
    expect(csp.get('script-src')?.[0]).toBe("'self'");
    expect(csp.get('script-src')?.slice(1)).toStrictEqual([expect.stringMatching(/^'nonce-[\w+/=-]+'$/)]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('should send nosniff with JSON answers, the auth endpoints and image files', async () => {
    const answers = await Promise.all([
      fetch(`${serverUrl}/api/images/health`),
      fetch(`${serverUrl}/api/trpc/account.setupStatus`),
      fetch(`${serverUrl}/api/auth/get-session`, { headers: { cookie } }),
      fetch(`${serverUrl}/files/not-a-file.png`)
    ]);

    expect(answers.map((answer) => answer.headers.get('x-content-type-options'))).toStrictEqual([
      'nosniff',
      'nosniff',
      'nosniff',
      'nosniff'
    ]);
  });
});

describe('security headers in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!skipWithoutChromium) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  function recordCspViolations(page: Page): string[] {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    return violations;
  }

  it.skipIf(skipWithoutChromium)('should refuse to show the admin page inside a foreign page', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.route(FOREIGN_PAGE, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><iframe name="victim" src="${serverUrl}/admin"></iframe>`
        })
      );

      await page.goto(FOREIGN_PAGE);

      // The load event waits for the frame; Chromium shows its own error page in place of a refused one.
      const victim = page.frame({ name: 'victim' });
      expect(victim).not.toBeNull();
      expect(victim!.url()).not.toContain(serverUrl);
      expect(await victim!.evaluate(() => document.title)).not.toMatch(/atelier/i);
    } finally {
      await context.close();
    }
  });

  it.skipIf(skipWithoutChromium)('should run the studio, account and admin pages without a CSP violation', async () => {
    const context = await browser.newContext();
    try {
      const page = await openStudio(context, serverUrl);
      const violations = recordCspViolations(page);
      await page.reload();
      await page.locator('.health:not([data-state="checking"])').waitFor();
      for (const path of ['/account', '/admin']) {
        await page.goto(`${serverUrl}${path}`);
        await page.waitForLoadState('networkidle');
      }

      expect(violations).toStrictEqual([]);
    } finally {
      await context.close();
    }
  });
});
