import { json } from '@sveltejs/kit';
import { AppError } from '../errors';
import { isSameOrigin } from './context';

const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether `request` is a form submission another site could have made a browser send with the user's
 * cookies: an unsafe method, a content type an HTML form can send, an Origin other than the studio's own
 * (`origins`: the request's own origin and the configured ones, as for cookie-authenticated calls), and no
 * Authorization header (a browser never adds one to a cross-site form; a request with one is authenticated
 * by it alone, never by the cookie).
 *
 * SvelteKit's own check (`kit.csrf`) refuses every such request whether or not it carries a key, so a
 * program could not upload multipart/form-data with an API key; svelte.config.js turns it off and
 * `refuseCrossSiteForms` (src/hooks.server.ts) takes its place.
 */
export function isCrossSiteForm(request: Request, origins: readonly string[]): boolean {
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    UNSAFE_METHODS.has(request.method) &&
    FORM_CONTENT_TYPES.includes(contentType) &&
    !isSameOrigin(request, origins) &&
    !request.headers.has('authorization')
  );
}

export function crossSiteFormRefusal(method: string): Response {
  const error = new AppError(
    'forbidden',
    `Cross-site ${method} form submissions are forbidden; programs send their API key (Authorization: Bearer …).`
  );
  return json(error.toBody(), { status: 403 });
}
