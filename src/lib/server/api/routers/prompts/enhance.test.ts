import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantCalls } from '$lib/server/db/schema';
import { createLocalProvider } from '$lib/server/providers/local';
import { FAKE_TOOL_INPUTS, startAnthropicFake, type AnthropicFake } from '$tests/fakes/anthropic-fake';
import { createPaidTestProvider, PAID_PROVIDER_ID } from '$tests/support/paid-test-provider';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createActorCaller } from '../../root';

const callsOf = (deps: TestDeps, userId: string) =>
  deps.db.select().from(assistantCalls).where(eq(assistantCalls.userId, userId));

describe('prompts.enhance without an Anthropic key', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps({ providers: [createLocalProvider(), createPaidTestProvider()] });
  });
  afterAll(async () => {
    await deps?.close();
  });

  it('should enhance with the local rules for the default model, free, and record the call', async () => {
    const user = await createTestUser(deps);

    const answer = await createActorCaller(deps, user).prompts.enhance({ prompt: 'a red fox in the snow' });

    expect(answer).toMatchObject({
      source: 'local',
      model: null,
      costUsd: 0,
      target: { provider: 'local', model: 'procedural-v1', maxPromptLength: 4000 },
      negativePrompt: null
    });
    expect(answer.enhancedPrompt.startsWith('a red fox in the snow, ')).toBe(true);
    expect(answer.tags).toStrictEqual(['red', 'fox', 'snow']);
    expect(answer.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(await callsOf(deps, user.id)).toMatchObject([
      { operation: 'enhance', source: 'local', status: 'succeeded', costMicros: 0, model: null }
    ]);
  });

  it('should write within the named model’s prompt length', async () => {
    const answer = await createActorCaller(deps, deps.actor).prompts.enhance({
      prompt: 'a lighthouse on a rocky cliff above a stormy grey sea',
      provider: PAID_PROVIDER_ID
    });

    expect(answer.target).toMatchObject({ provider: PAID_PROVIDER_ID, maxPromptLength: 120 });
    expect(answer.enhancedPrompt.length).toBeLessThanOrEqual(120);
    expect(answer.enhancedPrompt.length).toBeGreaterThan(
      'a lighthouse on a rocky cliff above a stormy grey sea'.length
    );
  });

  it('should count one image of the per-minute limit, and refuse beyond it without recording a call', async () => {
    const user = await createTestUser(deps, { policy: { generatePerMinute: 1 } });
    const sut = createActorCaller(deps, user);
    await sut.prompts.enhance({ prompt: 'one' });

    const refusal = await errorOf(sut.prompts.enhance({ prompt: 'two' }));

    expect(refusal).toMatchObject({ kind: 'rate_limited', code: 429 });
    expect(refusal.retryAfterMs).toBeGreaterThan(0);
    expect(await callsOf(deps, user.id)).toHaveLength(1);
  });

  it('should enhance locally for a user whose daily budget is spent, since the local rules cost nothing', async () => {
    const user = await createTestUser(deps, { policy: { dailyBudgetMicros: 0 } });

    expect((await createActorCaller(deps, user).prompts.enhance({ prompt: 'free' })).costUsd).toBe(0);
  });

  it.each([
    ['an empty prompt', { prompt: '  ' }, 'validation'],
    ['an over-long prompt', { prompt: 'x'.repeat(4001) }, 'validation'],
    ['an unknown provider', { prompt: 'a cat', provider: 'nobody' }, 'validation'],
    ['an unknown model', { prompt: 'a cat', model: 'nothing-v9' }, 'validation']
  ])('should refuse %s without recording a call', async (_, input, kind) => {
    const user = await createTestUser(deps);

    expect((await errorOf(createActorCaller(deps, user).prompts.enhance(input))).kind).toBe(kind);
    expect(await callsOf(deps, user.id)).toHaveLength(0);
  });

  it('should refuse a prompt the safety filter flags, before any enhancement is run or recorded', async () => {
    const user = await createTestUser(deps);

    const refusal = await errorOf(createActorCaller(deps, user).prompts.enhance({ prompt: 'hardcore porn scene' }));

    expect(refusal).toMatchObject({ kind: 'content_policy' });
    expect(refusal.message).toContain('local word filter');
    expect(await callsOf(deps, user.id)).toHaveLength(0);
  });
});

describe('prompts.enhance with an Anthropic key', () => {
  let fake: AnthropicFake;
  let deps: TestDeps;
  beforeAll(async () => {
    fake = await startAnthropicFake();
    deps = await createTestDeps({
      providers: [createLocalProvider()],
      env: { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl }
    });
  });
  afterAll(async () => {
    await deps?.close();
    await fake?.close();
  });

  it('should answer Claude’s structured reply for the target, priced by its tokens and recorded', async () => {
    const user = await createTestUser(deps);

    const answer = await createActorCaller(deps, user).prompts.enhance({ prompt: 'a red fox in the snow' });

    const expected = FAKE_TOOL_INPUTS.enhance_prompt as { enhancedPrompt: string; suggestions: string[] };
    expect(answer).toMatchObject({
      source: 'claude',
      model: 'claude-haiku-4-5',
      enhancedPrompt: expected.enhancedPrompt,
      suggestions: expected.suggestions,
      target: { provider: 'local', model: 'procedural-v1' }
    });
    expect(answer.costUsd).toBeGreaterThan(0);
    const [sent] = fake.messageRequests().slice(-1);
    expect(JSON.stringify(sent?.body)).toContain('a red fox in the snow');
    expect(await callsOf(deps, user.id)).toMatchObject([
      { operation: 'enhance', source: 'claude', status: 'succeeded', model: 'claude-haiku-4-5' }
    ]);
  });

  it('should answer content_policy when Claude refuses, recorded as refused', async () => {
    const user = await createTestUser(deps);
    fake.refuseNext();

    const refusal = await errorOf(createActorCaller(deps, user).prompts.enhance({ prompt: 'a quiet harbour' }));

    expect(refusal.kind).toBe('content_policy');
    expect(await callsOf(deps, user.id)).toMatchObject([{ status: 'refused', errorKind: 'content_policy' }]);
  });

  it('should not send a prompt the safety filter flags to Claude', async () => {
    const sentBefore = fake.messageRequests().length;

    const refusal = await errorOf(createActorCaller(deps, deps.actor).prompts.enhance({ prompt: 'porn' }));

    expect(refusal.kind).toBe('content_policy');
    expect(fake.messageRequests()).toHaveLength(sentBefore);
  });
});
