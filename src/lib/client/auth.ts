/**
 * The studio's calls to better-auth (`/api/auth/*`). Plain `fetch` is enough: the server sets and clears
 * the session cookie, so the browser only needs to know whether a call worked and, if not, why.
 */

/** better-auth's own limit (`emailAndPassword.minPasswordLength`); checked in the form before the round trip. */
export const MIN_PASSWORD_LENGTH = 8;

/** `redirectTo`: where an app's sign-in (OAuth) continues, e.g. the consent page or the app itself. */
export type AuthOutcome = { ok: true; redirectTo?: string } | { ok: false; message: string };

/** The signed authorization request an app's sign-in arrived with (`/sign-in?…&sig=…`), passed back as is. */
type OAuthQuery = { oauth_query?: string };

export type SignInInput = OAuthQuery & { email: string; password: string };
export type SignUpInput = OAuthQuery & {
  name: string;
  email: string;
  password: string;
  inviteCode?: string;
  /** The one-time code of the setup link in the server's log; only for the instance's first (admin) account. */
  setupCode?: string;
};

export function signIn(input: SignInInput): Promise<AuthOutcome> {
  return postToAuth('sign-in/email', input);
}

/** Creates the account and signs it in; the first account on an instance (with the setup code) becomes its admin. */
export function signUp(input: SignUpInput): Promise<AuthOutcome> {
  return postToAuth('sign-up/email', input);
}

export function signOut(): Promise<AuthOutcome> {
  return postToAuth('sign-out', {});
}

/**
 * The person's answer on the consent page, with the scopes granted when fewer than were asked for; on
 * success the browser goes on to `redirectTo` (the app, with a code or `access_denied`).
 */
export function answerConsent(accept: boolean, oauthQuery: string, scopes?: string[]): Promise<AuthOutcome> {
  return postToAuth('oauth2/consent', { accept, oauth_query: oauthQuery, scope: scopes?.join(' ') });
}

async function postToAuth(path: string, body: object): Promise<AuthOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/auth/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    });
  } catch {
    return { ok: false, message: 'Could not reach the server; check your connection and try again.' };
  }
  if (response.ok) {
    const redirectTo = await continuation(response);
    return redirectTo === undefined ? { ok: true } : { ok: true, redirectTo };
  }
  return { ok: false, message: await refusalMessage(response) };
}

/** better-auth's OAuth provider answers a sign-in that is part of an app's authorization with `{ redirect, url }`. */
async function continuation(response: Response): Promise<string | undefined> {
  const body: unknown = await response.json().catch(() => null);
  if (typeof body !== 'object' || body === null || !('redirect' in body) || body.redirect !== true) return undefined;
  return 'url' in body && typeof body.url === 'string' ? body.url : undefined;
}

/** better-auth answers refusals as `{ message, code }`; anything else (a proxy page, an empty body) gets a generic sentence. */
async function refusalMessage(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  if (typeof body === 'object' && body !== null && 'code' in body && body.code === 'INVALID_ORIGIN') {
    return `This Atelier does not accept sign-ins at ${window.location.origin}; whoever runs it can set PUBLIC_URL to this address.`;
  }
  if (
    typeof body === 'object' &&
    body !== null &&
    'message' in body &&
    typeof body.message === 'string' &&
    body.message
  ) {
    return body.message;
  }
  if (response.status === 429) {
    const seconds = response.headers.get('retry-after');
    return `Too many attempts; try again in ${seconds ? `${seconds} s` : 'a little while'}.`;
  }
  return `The server refused the request (HTTP ${response.status}); try again in a moment.`;
}
