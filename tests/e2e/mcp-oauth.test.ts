import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { skipWithoutChromium, useChromium } from '../support/browser';
import { E2E_ADMIN } from '../support/e2e-auth';
import { saveScreenshot } from './screenshot';

const serverUrl = inject('serverUrl');
const mcpUrl = new URL(`${serverUrl}/mcp`);
const chromium = useChromium();

/** Where the connector would receive the code; Chromium's navigation there is answered by the test itself. */
const CALLBACK_URL = 'http://127.0.0.1:9/oauth/callback';

/** A connector's memory: what a desktop client keeps between the 401, the browser and the token request. */
class ConnectorAuth implements OAuthClientProvider {
  authorizationUrl: URL | null = null;
  private client: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = '';

  constructor(private readonly name: string) {}

  get redirectUrl() {
    return CALLBACK_URL;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [CALLBACK_URL],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none'
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(client: OAuthClientInformationMixed) {
    this.client = client;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  /** What the SDK calls when the server refuses the saved refresh token: sign in afresh next time. */
  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery') {
    if (scope === 'all' || scope === 'tokens') this.saved = undefined;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

function transportFor(auth: ConnectorAuth) {
  return new StreamableHTTPClientTransport(mcpUrl, { authProvider: auth });
}

/** Connecting without a token: the client discovers the sign-in, registers itself and asks the person. */
async function startAuthorization(
  auth: ConnectorAuth
): Promise<{ transport: StreamableHTTPClientTransport; url: URL }> {
  const transport = transportFor(auth);
  await expect(new Client({ name: 'connector', version: '0.0.0' }).connect(transport)).rejects.toBeInstanceOf(
    UnauthorizedError
  );
  expect(auth.clientInformation()?.client_id).toBeTruthy();
  expect(auth.authorizationUrl).not.toBeNull();
  return { transport, url: auth.authorizationUrl! };
}

/** Opens the authorization URL as the person would and answers on the consent page; resolves with the callback URL. */
async function answerInBrowser(
  context: BrowserContext,
  authorizationUrl: URL,
  options: { allow: boolean; signIn: boolean; untick?: string[]; clientName: string }
): Promise<URL> {
  const page = await context.newPage();
  await page.route(`${CALLBACK_URL}**`, (route) => route.fulfill({ status: 200, body: 'connector callback' }));
  await page.goto(authorizationUrl.href);
  if (options.signIn) {
    await page.waitForURL(/\/sign-in\?/);
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.waitForURL(/\/oauth\/consent\?/);
  expect(await page.getByTestId('consent-client').textContent()).toBe(options.clientName);
  expect(await page.getByTestId('consent-returns-to').textContent()).toBe(new URL(CALLBACK_URL).origin);
  expect(await seriousAxeViolations(page)).toStrictEqual([]);
  expect(
    await page.locator('input[name="scope"]').evaluateAll((boxes) => boxes.map((box) => box.getAttribute('value')))
  ).toEqual(['read', 'generate']);
  expect(await page.getByTestId('consent-stay-connected').textContent()).toContain(
    'renew access without asking again until you revoke it'
  );
  await saveScreenshot(page, 'consent');
  for (const scope of options.untick ?? []) await page.locator(`input[name="scope"][value="${scope}"]`).uncheck();
  const callback = page.waitForURL(`${CALLBACK_URL}**`);
  await page.getByRole('button', { name: options.allow ? 'Allow' : 'Deny' }).click();
  await callback;
  const url = new URL(page.url());
  await page.close();
  return url;
}

async function connected(auth: ConnectorAuth): Promise<Client> {
  const client = new Client({ name: 'connector', version: '0.0.0' });
  await client.connect(transportFor(auth));
  return client;
}

/** The token request a connector makes on its own when its access token stops working. */
function refresh(refreshToken: string, clientId: string) {
  return fetch(`${serverUrl}/api/auth/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
      resource: mcpUrl.href
    })
  });
}

function postMcp(token: string) {
  return fetch(mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream'
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
  });
}

describe.skipIf(skipWithoutChromium)('OAuth sign-in of an MCP client that knows only the URL', () => {
  it('should sign in, allow, renew, generate, and stop working once revoked on the Account page', async () => {
    const auth = new ConnectorAuth('E2E Connector');
    const { transport, url } = await startAuthorization(auth);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('resource')).toBe(mcpUrl.href);
    expect(url.searchParams.get('scope')).toBe('read generate offline_access');

    const context = await chromium.newContext();
    const callback = await answerInBrowser(context, url, { allow: true, signIn: true, clientName: 'E2E Connector' });
    await transport.finishAuth(callback.searchParams.get('code')!);
    const issued = auth.tokens()!;
    expect(issued.access_token).toMatch(/^ato_/);
    expect(issued.refresh_token).toMatch(/^atr_/);

    // An access token the server no longer takes (as after its hour) is renewed by the SDK, without the browser.
    auth.saveTokens({ ...issued, access_token: 'ato_no-longer-valid' });
    auth.authorizationUrl = null;
    const client = await connected(auth);
    expect(auth.authorizationUrl).toBeNull();
    const token = auth.tokens()!.access_token;
    expect(token).toMatch(/^ato_/);
    expect(token).not.toBe(issued.access_token);
    const refreshToken = auth.tokens()!.refresh_token!;
    expect(refreshToken).toMatch(/^atr_/);
    expect(refreshToken).not.toBe(issued.refresh_token);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('generate_image');
    const result = (await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'oauth lighthouse', size: '256x256' }
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    await client.close();

    // The same actor through the other doors: REST reads its history; it may not mint itself an API key.
    const bearer = { authorization: `Bearer ${token}` };
    const history = await fetch(`${serverUrl}/api/images/history?limit=5`, { headers: bearer });
    expect(history.status).toBe(200);
    const keyRequest = await fetch(`${serverUrl}/api/trpc/keys.create`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'escalate', scopes: ['read'] })
    });
    expect(keyRequest.status).toBe(403);

    const page = await context.newPage();
    await page.goto(`${serverUrl}/account`);
    const row = page.getByTestId('connected-app-row').filter({ hasText: 'E2E Connector' });
    expect(await row.locator('.scopes li').allTextContents()).toEqual(['read', 'generate']);
    expect(await seriousAxeViolations(page)).toStrictEqual([]);
    await row.getByRole('button', { name: 'Revoke E2E Connector' }).click();
    await row.waitFor({ state: 'detached' });
    await context.close();

    const refused = await postMcp(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      `Bearer error="invalid_token", resource_metadata="${serverUrl}/.well-known/oauth-protected-resource/mcp", scope="read generate offline_access"`
    );
    // Revoking ends renewal too. The replaced refresh token goes first: better-auth would answer it from its
    // 30 s reuse window, and a refused one makes it delete the app's whole token family.
    const clientId = auth.clientInformation()!.client_id;
    for (const revoked of [issued.refresh_token!, refreshToken]) {
      const renewal = await refresh(revoked, clientId);
      expect(renewal.status).toBe(400);
      expect(await renewal.json()).toMatchObject({ error: 'invalid_grant' });
    }
    await expect(connected(auth)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(auth.tokens()).toBeUndefined();
  });

  it('should send the client access_denied when the person denies', async () => {
    const auth = new ConnectorAuth('Denied Connector');
    const { url } = await startAuthorization(auth);
    const context = await chromium.newContext();
    const callback = await answerInBrowser(context, url, {
      allow: false,
      signIn: true,
      clientName: 'Denied Connector'
    });
    await context.close();

    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
    expect(callback.searchParams.get('state')).toBe(url.searchParams.get('state'));
  });

  it('should limit a token to the scopes the person granted', async () => {
    const auth = new ConnectorAuth('Read-only Connector');
    const { transport, url } = await startAuthorization(auth);
    const context = await chromium.newContext();
    const callback = await answerInBrowser(context, url, {
      allow: true,
      signIn: true,
      untick: ['generate'],
      clientName: 'Read-only Connector'
    });
    await context.close();
    await transport.finishAuth(callback.searchParams.get('code')!);
    expect(auth.tokens()?.scope).toBe('read offline_access');

    const client = await connected(auth);
    const listed = (await client.callTool({ name: 'list_images', arguments: {} })) as CallToolResult;
    expect(listed.isError, JSON.stringify(listed.content)).toBeFalsy();
    // A read-only caller is not offered the tools that make images, and cannot call them either.
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain('generate_image');
    const refused = (await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'not allowed', size: '256x256' }
    })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(refused.content).toStrictEqual([
      { type: 'text', text: expect.stringMatching(/Tool generate_image not found/) }
    ]);
    await client.close();
  });
});

describe('/mcp and discovery for browser-based clients', () => {
  it('should answer a CORS preflight with the MCP headers', async () => {
    const response = await fetch(mcpUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://inspector.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, mcp-protocol-version'
      }
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://inspector.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id'
    );
  });

  it('should point a caller without a token at the protected-resource metadata, readable cross-origin', async () => {
    const response = await fetch(mcpUrl, {
      method: 'POST',
      headers: { origin: 'https://inspector.example', 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
    });

    expect(response.status).toBe(401);
    const metadataUrl = `${serverUrl}/.well-known/oauth-protected-resource/mcp`;
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${metadataUrl}", scope="read generate offline_access"`
    );
    expect(response.headers.get('access-control-allow-origin')).toBe('https://inspector.example');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/mcp-session-id.*www-authenticate/);

    const metadata = await fetch(metadataUrl, { headers: { origin: 'https://inspector.example' } });
    expect(metadata.headers.get('access-control-allow-origin')).toBe('https://inspector.example');
    expect(await metadata.json()).toMatchObject({
      resource: mcpUrl.href,
      authorization_servers: [`${serverUrl}/api/auth`],
      scopes_supported: ['read', 'generate', 'offline_access']
    });
  });

  it('should publish the authorization-server metadata with PKCE S256 and registration', async () => {
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/api/auth'
    ]) {
      const metadata = await (await fetch(`${serverUrl}${path}`)).json();
      expect(metadata).toMatchObject({
        issuer: `${serverUrl}/api/auth`,
        registration_endpoint: `${serverUrl}/api/auth/oauth2/register`,
        code_challenge_methods_supported: ['S256'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        scopes_supported: ['read', 'generate', 'offline_access']
      });
    }
  });
});
