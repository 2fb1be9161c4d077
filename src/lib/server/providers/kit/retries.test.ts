import { describe, expect, it } from 'vitest';
import { fetchWithRetries, retryAfterMs } from './retries';

function answer(status: number, headers: Record<string, string> = {}, body = '{}'): Response {
  return new Response(body, { status, headers });
}

/** Answers in order and records the waits asked of `sleep`. */
function scripted(answers: Response[]) {
  const waits: number[] = [];
  let sent = 0;
  return {
    request: async () => answers[Math.min(sent++, answers.length - 1)]!,
    sleep: async (ms: number) => void waits.push(ms),
    waits,
    sent: () => sent
  };
}

describe(retryAfterMs.name, () => {
  it.each([
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Thu, 01 Jan 1970 00:00:03 GMT' }, 3000],
    [{}, undefined],
    [{ 'retry-after': 'soon' }, undefined]
  ])('should read %o as %s ms', (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), 0)).toBe(expected);
  });
});

describe(fetchWithRetries.name, () => {
  it('should wait what retry-after asks and retry a 429 until it succeeds', async () => {
    const vendor = scripted([answer(429, { 'retry-after': '1' }), answer(200)]);
    const retries: number[] = [];
    const response = await fetchWithRetries(vendor.request, {
      maxRetries: 2,
      maxRetryDelayMs: 5000,
      sleep: vendor.sleep,
      onRetry: (attempt) => retries.push(attempt)
    });
    expect(response.status).toBe(200);
    expect(vendor.waits).toStrictEqual([1000]);
    expect(retries).toStrictEqual([1]);
  });

  it('should not wait longer than maxRetryDelayMs: the refusal comes back at once', async () => {
    const vendor = scripted([answer(429, { 'retry-after': '60' }), answer(200)]);
    const response = await fetchWithRetries(vendor.request, {
      maxRetries: 2,
      maxRetryDelayMs: 5000,
      sleep: vendor.sleep
    });
    expect(response.status).toBe(429);
    expect(vendor.sent()).toBe(1);
  });

  it('should stop after maxRetries and return the last answer', async () => {
    const vendor = scripted([answer(503)]);
    const response = await fetchWithRetries(vendor.request, {
      maxRetries: 2,
      maxRetryDelayMs: 5000,
      sleep: vendor.sleep
    });
    expect(response.status).toBe(503);
    expect(vendor.sent()).toBe(3);
    expect(vendor.waits).toStrictEqual([500, 1000]);
  });

  it('should never retry an answer that is not retryable', async () => {
    const vendor = scripted([answer(400), answer(200)]);
    const response = await fetchWithRetries(vendor.request, {
      maxRetries: 2,
      maxRetryDelayMs: 5000,
      sleep: vendor.sleep
    });
    expect(response.status).toBe(400);
    expect(vendor.sent()).toBe(1);
  });

  it('should not hang when the hint leaves the body unread', async () => {
    const vendor = scripted([answer(429, {}, '{"detail":"busy"}'), answer(200)]);
    const response = await fetchWithRetries(vendor.request, {
      maxRetries: 1,
      maxRetryDelayMs: 5000,
      sleep: vendor.sleep,
      hintedDelayMs: async () => 250
    });
    expect(response.status).toBe(200);
    expect(vendor.waits).toStrictEqual([250]);
  });

  it('should use a vendor hint from the body when headers say nothing', async () => {
    const vendor = scripted([answer(429, {}, '{"detail":"resets in ~3s"}'), answer(200)]);
    await fetchWithRetries(vendor.request, {
      maxRetries: 1,
      maxRetryDelayMs: 5000,
      sleep: vendor.sleep,
      hintedDelayMs: async (response) => {
        const match = /~(\d+)s/.exec(await response.text());
        return match ? Number(match[1]) * 1000 : undefined;
      }
    });
    expect(vendor.waits).toStrictEqual([3000]);
  });
});
