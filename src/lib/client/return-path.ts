/** The sign-in page's query parameter naming the page to open after signing in. */
export const RETURN_PARAM = 'redirectTo';

const THIS_SITE = 'http://atelier.invalid';

/**
 * A page of this site to return to, or `/`. Only a relative path is honoured: `//host`, `/\host`, schemes
 * and anything the URL parser would take to another origin would make the sign-in page an open redirect.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  let parsed: URL;
  try {
    parsed = new URL(value, THIS_SITE);
  } catch {
    return '/';
  }
  if (parsed.origin !== THIS_SITE) return '/';
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The sign-in page for a signed-out visit to `url`, returning there afterwards (the studio itself needs no parameter). */
export function signInHref(url: URL): string {
  const path = `${url.pathname}${url.search}`;
  return path === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ [RETURN_PARAM]: path })}`;
}
