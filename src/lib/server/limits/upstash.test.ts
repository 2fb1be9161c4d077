import { afterEach, describe, expect, it, vi } from 'vitest';

describe('createUpstashRateLimiter', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should neither print nor touch the network when imported and created', async () => {
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    const fetch = vi.spyOn(globalThis, 'fetch');

    const { createUpstashRateLimiter } = await import('./upstash');
    const sut = createUpstashRateLimiter({ url: 'http://127.0.0.1:9', token: 'token' });

    expect(sut.kind).toBe('upstash');
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });
});
