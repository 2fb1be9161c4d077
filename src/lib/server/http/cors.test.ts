import { describe, expect, it } from 'vitest';
import { isCorsPath, preflightResponse, withCorsHeaders } from './cors';

const preflight = (origin: string) =>
  new Request('http://localhost/mcp', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST' }
  });

describe(isCorsPath.name, () => {
  it('should cover /mcp, /.well-known and the OAuth endpoints clients call, not the studio', () => {
    expect(isCorsPath('/mcp')).toBe(true);
    expect(isCorsPath('/.well-known/oauth-protected-resource/mcp')).toBe(true);
    expect(isCorsPath('/api/auth/oauth2/token')).toBe(true);
    expect(isCorsPath('/api/auth/sign-in/email')).toBe(false);
    expect(isCorsPath('/api/trpc/keys.create')).toBe(false);
    expect(isCorsPath('/mcpx')).toBe(false);
  });
});

describe(preflightResponse.name, () => {
  it('should answer an allowed origin with 204 and echo it, and refuse one not listed', () => {
    const allowed = preflightResponse(preflight('http://localhost:6274'), ['http://localhost:6274']);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:6274');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const refused = preflightResponse(preflight('https://evil.example'), ['http://localhost:6274']);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe(withCorsHeaders.name, () => {
  it('should expose the MCP headers to an allowed origin and nothing to a request without one', () => {
    const request = new Request('http://localhost/mcp', { headers: { origin: 'https://inspector.example' } });
    const shared = withCorsHeaders(new Response('{}'), request, '*');
    expect(shared.headers.get('access-control-allow-origin')).toBe('https://inspector.example');
    expect(shared.headers.get('access-control-expose-headers')).toMatch(/mcp-session-id.*www-authenticate/);

    const plain = withCorsHeaders(new Response('{}'), new Request('http://localhost/mcp'), '*');
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Origin');
  });
});
