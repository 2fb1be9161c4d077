/** Sent with every answer: pages, JSON, files. Pages also get Kit's Content-Security-Policy (svelte.config.js). */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  // For browsers that predate CSP's frame-ancestors.
  'x-frame-options': 'DENY'
};

/** The origin images are served from when it is not ours (`IMAGE_CDN_URL`); null for our own `/files`. */
export function imageOriginOf(publicBaseUrl: string): string | null {
  return URL.canParse(publicBaseUrl) ? new URL(publicBaseUrl).origin : null;
}

function allowImagesFrom(csp: string, origin: string): string {
  return csp.replace(/(^|;)(\s*img-src)([^;]*)/, (_, start: string, name: string, sources: string) =>
    sources.split(/\s+/).includes(origin) ? `${start}${name}${sources}` : `${start}${name}${sources} ${origin}`
  );
}

/**
 * The answer with the security headers set, and the image CDN added to the page CSP's `img-src`
 * (Kit's CSP is fixed at build time; the CDN is a run-time setting).
 */
export function withSecurityHeaders(response: Response, options: { imageOrigin: string | null }): Response {
  // A copy: `Response.redirect()` and fetched responses have immutable headers.
  const secured = new Response(response.body, response);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) secured.headers.set(name, value);
  const csp = secured.headers.get('content-security-policy');
  if (csp && options.imageOrigin) {
    secured.headers.set('content-security-policy', allowImagesFrom(csp, options.imageOrigin));
  }
  return secured;
}
