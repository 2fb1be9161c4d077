import type { Config } from '../config';

type ProxyConfig = Pick<Config['auth'], 'trustProxy'>;

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

/** Whether the browser used https: adapter-node's URL says so (ORIGIN, PROTOCOL_HEADER), or a trusted proxy does. */
export function servedOverHttps(request: Request, config: ProxyConfig): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return config.trustProxy && lastListValue(request.headers, 'x-forwarded-proto')?.toLowerCase() === 'https';
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
