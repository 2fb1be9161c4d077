import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CostEstimate, ESTIMATE_SETTLE_MS } from './estimate.svelte';
import type { GenerateInput, GenerationEstimate } from './trpc';

type Call = {
  input: GenerateInput;
  signal: AbortSignal;
  resolve: (estimate: GenerationEstimate) => void;
  reject: (error: unknown) => void;
};

/** A server whose answers the test releases one by one, in any order. */
function controlledServer() {
  const calls: Call[] = [];
  const query = (input: GenerateInput, signal: AbortSignal) =>
    new Promise<GenerationEstimate>((resolve, reject) => calls.push({ input, signal, resolve, reject }));
  return { calls, query };
}

function settings(patch: Partial<GenerateInput> = {}): GenerateInput {
  return { prompt: 'cost estimate', provider: 'openai', model: 'gpt-image-1', size: '1024x1024', count: 1, ...patch };
}

function answerFor(input: GenerateInput): GenerationEstimate {
  const count = input.count ?? 1;
  return {
    provider: input.provider ?? 'openai',
    model: input.model ?? 'gpt-image-1',
    size: input.size ?? '1024x1024',
    count,
    calls: 1,
    perImageUsd: 0.04,
    estimatedUsd: 0.04 * count,
    price: { description: '$0.04 per image', unit: 'image' },
    warnings: []
  };
}

function refusal(message: string) {
  return TRPCClientError.from({
    error: {
      message,
      code: -32600,
      data: { code: 'FORBIDDEN', httpStatus: 403, error: { code: 403, kind: 'forbidden', message } }
    }
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe(CostEstimate.name, () => {
  it('should ask once, with the last settings, after they stop changing', async () => {
    const server = controlledServer();
    const sut = new CostEstimate(server.query);

    sut.request(settings({ count: 1 }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS - 1);
    sut.request(settings({ count: 2 }));
    sut.request(settings({ count: 3 }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS - 1);
    expect(server.calls).toHaveLength(0);
    expect(sut.pending).toBe(true);

    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls.map((call) => call.input.count)).toStrictEqual([3]);

    server.calls[0]!.resolve(answerFor(server.calls[0]!.input));
    await vi.advanceTimersByTimeAsync(0);
    expect(sut.estimate?.estimatedUsd).toBeCloseTo(0.12);
    expect(sut.pending).toBe(false);
  });

  it('should not ask again for the settings it asked about last', async () => {
    const server = controlledServer();
    const sut = new CostEstimate(server.query);

    sut.request(settings());
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    server.calls[0]!.resolve(answerFor(server.calls[0]!.input));
    sut.request(settings());
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);

    expect(server.calls).toHaveLength(1);
    expect(sut.pending).toBe(false);
  });

  it('should abort and ignore the answer to superseded settings, even when it arrives last', async () => {
    const server = controlledServer();
    const sut = new CostEstimate(server.query);

    sut.request(settings({ size: '1024x1024' }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    sut.request(settings({ size: '1536x1024' }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    const [old, current] = server.calls;
    expect(old!.signal.aborted).toBe(true);
    expect(current!.signal.aborted).toBe(false);

    current!.resolve(answerFor(current!.input));
    await vi.advanceTimersByTimeAsync(0);
    old!.resolve(answerFor(old!.input));
    await vi.advanceTimersByTimeAsync(0);

    expect(sut.estimate?.size).toBe('1536x1024');
  });

  it("should show the server's refusal instead of a price, and a price again once settings are accepted", async () => {
    const server = controlledServer();
    const sut = new CostEstimate(server.query);
    sut.request(settings({ model: 'dall-e-3' }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    server.calls[0]!.resolve(answerFor(server.calls[0]!.input));
    await vi.advanceTimersByTimeAsync(0);

    sut.request(settings({ count: 9 }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    server.calls[1]!.reject(refusal('Your account may ask for at most 4 images per request.'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sut.refusal).toBe('Your account may ask for at most 4 images per request.');
    expect(sut.estimate).toBeNull();
    expect(sut.pending).toBe(false);

    sut.request(settings({ count: 4 }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    server.calls[2]!.resolve(answerFor(server.calls[2]!.input));
    await vi.advanceTimersByTimeAsync(0);
    expect(sut.refusal).toBeNull();
    expect(sut.estimate?.count).toBe(4);
  });

  it('should say the price is unknown when the server cannot be reached', async () => {
    const sut = new CostEstimate(() => Promise.reject(TRPCClientError.from(new TypeError('Failed to fetch'))));
    sut.request(settings());
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    expect(sut.refusal).toMatch(/could not be estimated/);
  });

  it('should neither ask nor take an answer after it is disposed', async () => {
    const server = controlledServer();
    const sut = new CostEstimate(server.query);
    sut.request(settings({ count: 1 }));
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    sut.request(settings({ count: 2 }));

    sut.dispose();
    await vi.advanceTimersByTimeAsync(ESTIMATE_SETTLE_MS);
    server.calls[0]!.resolve(answerFor(server.calls[0]!.input));
    await vi.advanceTimersByTimeAsync(0);

    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.signal.aborted).toBe(true);
    expect(sut.estimate).toBeNull();
  });
});
