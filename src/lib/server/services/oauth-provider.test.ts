import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '../limits/memory';
import {
  countRegistration,
  mcpChallenge,
  mcpResourceOf,
  OAUTH_REGISTRATIONS_PER_HOUR,
  withNativeApplicationType
} from './oauth-provider';

describe(mcpResourceOf.name, () => {
  it('should protect /mcp at an https or loopback origin and offer no OAuth over plain http elsewhere', () => {
    expect(mcpResourceOf('https://atelier.example.com')).toBe('https://atelier.example.com/mcp');
    expect(mcpResourceOf('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/mcp');
    expect(mcpResourceOf('http://localhost:3000')).toBe('http://localhost:3000/mcp');
    expect(mcpResourceOf('http://192.168.1.5:8080')).toBeNull();
  });
});

describe(mcpChallenge.name, () => {
  it('should point at the protected-resource metadata and the scopes to ask for, saying invalid_token when a token was refused', () => {
    const resource = 'https://atelier.example.com/mcp';
    const metadata =
      'resource_metadata="https://atelier.example.com/.well-known/oauth-protected-resource/mcp", scope="read generate offline_access"';
    expect(mcpChallenge(resource, false)).toBe(`Bearer ${metadata}`);
    expect(mcpChallenge(resource, true)).toBe(`Bearer error="invalid_token", ${metadata}`);
    expect(mcpChallenge(null, false)).toBe('Bearer');
  });
});

describe(withNativeApplicationType.name, () => {
  it('should call a client with only loopback or private-use redirects native', () => {
    const body = { client_name: 'Claude Code', redirect_uris: ['http://localhost:33418/callback'] };
    expect(withNativeApplicationType(body)).toStrictEqual({ ...body, application_type: 'native' });
    expect(withNativeApplicationType({ redirect_uris: ['com.example.app:/callback'] })).toMatchObject({
      application_type: 'native'
    });
  });

  it('should leave web redirects, mixed ones and a stated application_type alone', () => {
    expect(withNativeApplicationType({ redirect_uris: ['https://claude.ai/api/mcp/auth_callback'] })).toBeNull();
    expect(
      withNativeApplicationType({ redirect_uris: ['http://localhost:1/cb', 'http://evil.example/cb'] })
    ).toBeNull();
    expect(withNativeApplicationType({ redirect_uris: ['http://localhost:1/cb'], application_type: 'web' })).toBeNull();
    expect(withNativeApplicationType(null)).toBeNull();
  });
});

describe(countRegistration.name, () => {
  it('should let one address register a limited number of apps an hour, others unaffected', async () => {
    const deps = { limiter: createMemoryRateLimiter() };
    for (let index = 0; index < OAUTH_REGISTRATIONS_PER_HOUR; index += 1) {
      expect(await countRegistration(deps, '203.0.113.7')).toBeNull();
    }
    expect(await countRegistration(deps, '203.0.113.7')).toBeGreaterThan(0);
    expect(await countRegistration(deps, '203.0.113.8')).toBeNull();
  });
});
