/** The admin every end-to-end server is started with (headless setup through ATELIER_ADMIN_*). */
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password' };

export const E2E_ADMIN_ENV = { ATELIER_ADMIN_EMAIL: E2E_ADMIN.email, ATELIER_ADMIN_PASSWORD: E2E_ADMIN.password };

/** Signs in through better-auth's endpoint, as the studio's sign-in page does; returns the session cookie. */
export async function signIn(baseUrl: string, credentials = E2E_ADMIN): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify(credentials)
  });
  const cookie = response.headers.getSetCookie().find((value) => value.includes('session_token='));
  if (!response.ok || !cookie) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
  return cookie.split(';')[0]!;
}

/** Creates an API key from a studio session (tRPC `keys.create`); returns the secret. */
export async function createApiKeyOverHttp(
  baseUrl: string,
  cookie: string,
  scopes: Array<'read' | 'generate' | 'admin'>
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/trpc/keys.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie },
    body: JSON.stringify({ name: 'e2e', scopes })
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`keys.create failed with ${response.status}: ${JSON.stringify(body)}`);
  return body.result.data.secret;
}

/** Changes instance settings as the admin whose key this is (`admin.updateSettings`). */
export async function updateSettingsOverHttp(
  baseUrl: string,
  apiKey: string,
  patch: Record<string, unknown>
): Promise<void> {
  const response = await fetch(`${baseUrl}/api/trpc/admin.updateSettings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(patch)
  });
  if (!response.ok) throw new Error(`admin.updateSettings failed with ${response.status}: ${await response.text()}`);
}

/** The suites generate far more than a person would in a minute. */
export function raiseDefaultLimits(baseUrl: string, apiKey: string): Promise<void> {
  return updateSettingsOverHttp(baseUrl, apiKey, {
    defaultGeneratePerMinute: 10_000,
    defaultRequestsPerMinute: 100_000
  });
}

/** The one-time setup link a server without an admin prints at start (read from its output). */
export async function setupLinkOf(server: { output: () => string }): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const link = /https?:\/\/[^\s"]+\/setup\?code=[\w-]+/.exec(server.output())?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no setup link in the server's output:\n${server.output()}`);
}
