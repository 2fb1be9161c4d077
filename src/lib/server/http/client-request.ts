import type { Config } from '../config';

type ProxyConfig = Pick<Config['auth'], 'trustProxy'>;
type SchemeConfig = Pick<Config, 'requestSchemeKnown'> & { auth: ProxyConfig };

/** The last value of a list header: the one the nearest proxy wrote, not what the client claimed. */
function lastListValue(headers: Headers, name: string): string | undefined {
  return headers
    .get(name)
    ?.split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .at(-1);
}

/**
 * The client's address. With TRUST_PROXY, the one the proxy appended to X-Forwarded-For; otherwise the
 * connection's own (which adapter-node takes from ADDRESS_HEADER when that is set).
 */
export function clientIp(request: Request, connectionAddress: string | null, config: ProxyConfig): string | null {
  return (config.trustProxy && lastListValue(request.headers, 'x-forwarded-for')) || connectionAddress;
}

/**
 * The scheme the browser used: a trusted proxy's X-Forwarded-Proto, else adapter-node's URL when it knows
 * (ORIGIN, PROTOCOL_HEADER), else `http:` — without them adapter-node calls every request https, though it
 * serves plain HTTP itself.
 */
export function requestProtocol(request: Request, config: SchemeConfig): 'http:' | 'https:' {
  const forwarded = config.auth.trustProxy ? lastListValue(request.headers, 'x-forwarded-proto') : undefined;
  if (forwarded) return forwarded.toLowerCase() === 'https' ? 'https:' : 'http:';
  return config.requestSchemeKnown && new URL(request.url).protocol === 'https:' ? 'https:' : 'http:';
}

/** The same answer with `Secure` on every cookie it sets. */
export function withSecureCookies(response: Response): Response {
  const cookies = response.headers.getSetCookie();
  if (cookies.every((cookie) => /;\s*secure\s*(;|$)/i.test(cookie))) return response;
  const headers = new Headers(response.headers);
  headers.delete('set-cookie');
  for (const cookie of cookies) {
    headers.append('set-cookie', /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
