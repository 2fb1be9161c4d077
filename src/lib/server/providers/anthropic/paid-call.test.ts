import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assistantCalls, budgetReservations } from '$lib/server/db/schema';
import { runAssistantCall } from '$lib/server/services/assistant-calls';
import { usdToMicros } from '$lib/server/services/budgets';
import { startAnthropicFake, type AnthropicFake } from '$tests/fakes/anthropic-fake';
import { appErrorOf } from '$tests/fakes/provider-test-kit';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import type { AssistantProvider, EnhanceRequest } from '../assistant';
import { isProviderError } from '../errors';

const REQUEST: EnhanceRequest = {
  prompt: 'a lighthouse at dusk',
  target: {
    provider: 'local',
    model: 'procedural-v1',
    label: 'Local',
    maxPromptLength: 4000,
    negativePrompt: true,
    textRendering: false,
    description: 'A procedural renderer.'
  }
};

describe('Claude through runAssistantCall', () => {
  let fake: AnthropicFake;
  let deps: TestDeps;
  let claude: AssistantProvider;

  beforeEach(async () => {
    fake = await startAnthropicFake();
    deps = await createTestDeps({ env: { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl } });
    if (!deps.assistant) throw new Error('ANTHROPIC_API_KEY should make Claude the assistant');
    claude = deps.assistant;
  });

  afterEach(async () => {
    await deps.close();
    await fake.close();
  });

  const enhance = () =>
    runAssistantCall(deps, deps.actor, {
      operation: 'enhance',
      source: 'claude',
      estimateUsd: claude.estimateUsd('enhance', { promptLength: REQUEST.prompt.length }),
      run: () => claude.enhancePrompt(REQUEST)
    });

  it('should record the model, tokens and token cost, and settle the budget with that cost', async () => {
    const answer = await enhance();

    const [call] = await deps.db.select().from(assistantCalls);
    expect(call).toMatchObject({
      operation: 'enhance',
      source: 'claude',
      status: 'succeeded',
      model: 'claude-haiku-4-5',
      inputTokens: answer.usage.inputTokens,
      outputTokens: answer.usage.outputTokens,
      costMicros: usdToMicros(answer.costUsd)
    });
    expect(answer.costUsd).toBeGreaterThan(0);
    const [reservation] = await deps.db.select().from(budgetReservations);
    expect(reservation).toMatchObject({ status: 'settled', actualMicros: usdToMicros(answer.costUsd) });
    expect(reservation!.reservedMicros).toBeGreaterThanOrEqual(reservation!.actualMicros!);
  });

  it('should record a refusal as refused and charge only the tokens Claude billed for it', async () => {
    fake.refuseNext();

    const error = await appErrorOf(enhance());

    expect(error.kind).toBe('content_policy');
    const billedMicros = usdToMicros(isProviderError(error) ? error.costUsd : 0);
    expect(billedMicros).toBeGreaterThan(0);
    const [call] = await deps.db.select().from(assistantCalls);
    expect(call).toMatchObject({ status: 'refused', errorKind: 'content_policy', costMicros: billedMicros });
    const [reservation] = await deps.db.select().from(budgetReservations);
    expect(reservation).toMatchObject({ status: 'settled', actualMicros: billedMicros });
  });
});
