import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './index';

describe(createRateLimiter.name, () => {
  it('should use the in-memory limiter when Upstash is not configured', () => {
    expect(createRateLimiter({}).kind).toBe('memory');
  });

  it('should use Upstash when its URL and token are configured', () => {
    const sut = createRateLimiter({ upstash: { url: 'http://127.0.0.1:9', token: 'token' } });

    expect(sut.kind).toBe('upstash');
  });
});
