import { afterEach, describe, expect, it } from 'vitest';
import { createActorCaller, type GenerationUpdate } from '$lib/server/api';
import { createPaidTestProvider } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';

describe('images.generateWithProgress', () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.close();
    deps = undefined;
  });

  it('should stream each stage, then the outcome of the same images', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    const updates: GenerationUpdate[] = [];

    for await (const update of await createActorCaller(deps, deps.actor).images.generateWithProgress({
      prompt: 'a lighthouse',
      count: 5
    })) {
      updates.push(update);
    }

    const stages = updates.map((update) => (update.type === 'progress' ? update.event.stage : update.type));
    expect(stages).toStrictEqual(['planned', 'calling', ...Array(5).fill('image'), 'done', 'result']);
    const result = updates.at(-1);
    expect(result?.type === 'result' && result.outcome.images.map((image) => image.status)).toStrictEqual(
      Array(5).fill('completed')
    );
  });

  it('should refuse bad input before streaming anything', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    const caller = createActorCaller(deps, deps.actor);

    await expect(
      (async () => {
        for await (const update of await caller.images.generateWithProgress({ prompt: 'p', count: 1, size: '3x3' })) {
          void update;
        }
      })()
    ).rejects.toMatchObject({ cause: { kind: 'validation' } });
  });

  it('should cancel the generation when the caller aborts', async () => {
    const vendor = createPaidTestProvider();
    vendor.generate = (call) =>
      new Promise((_, reject) => call.signal?.addEventListener('abort', () => reject(call.signal?.reason)));
    deps = await createTestDeps({ providers: [vendor] });
    const caller = new AbortController();
    const updates: GenerationUpdate[] = [];

    const stream = await createActorCaller(deps, deps.actor, { signal: caller.signal }).images.generateWithProgress({
      prompt: 'p',
      count: 2
    });
    for await (const update of stream) {
      updates.push(update);
      if (update.type === 'progress' && update.event.stage === 'calling') caller.abort();
    }

    const result = updates.at(-1);
    expect(result?.type === 'result' && result.outcome.images.map((image) => image.status)).toStrictEqual([
      'canceled',
      'canceled'
    ]);
  });
});
