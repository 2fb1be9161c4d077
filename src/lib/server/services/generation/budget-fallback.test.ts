import { afterEach, describe, expect, it } from 'vitest';
import { createActorCaller, toErrorBody } from '$lib/server/api';
import { createLocalProvider } from '$lib/server/providers/local';
import { startAnthropicFake } from '$tests/fakes/anthropic-fake';
import { createPaidTestProvider, PAID_PROVIDER_ID } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { FALLBACK_DAILY_BUDGET_USD, getBudgetStatus, usdToMicros } from '../budgets';

let deps: TestDeps;
afterEach(async () => {
  await deps?.close();
});

describe('the fallback daily budget', () => {
  it('should apply to users when a paid provider is configured and no budget is set, and the admin settings say so', async () => {
    deps = await createTestDeps({
      providers: [createPaidTestProvider({ standardUsd: FALLBACK_DAILY_BUDGET_USD / 2 + 0.01 }), createLocalProvider()]
    });
    const user = await createTestUser(deps);
    const sut = createActorCaller(deps, user);

    await sut.images.generate({ prompt: 'first', provider: PAID_PROVIDER_ID });
    const refusal = await sut.images.generate({ prompt: 'second', provider: PAID_PROVIDER_ID }).then(
      () => undefined,
      (error: unknown) => toErrorBody(error)
    );

    expect(refusal).toMatchObject({ kind: 'budget_exceeded' });
    expect(refusal?.message).toContain(`your daily budget of $${FALLBACK_DAILY_BUDGET_USD}.00`);
    expect((await getBudgetStatus(deps, user)).userLimitMicros).toBe(usdToMicros(FALLBACK_DAILY_BUDGET_USD));
    const settings = await createActorCaller(deps, deps.actor).admin.getSettings();
    expect(settings).toMatchObject({ defaultDailyBudgetUsd: null, fallbackDailyBudgetUsd: FALLBACK_DAILY_BUDGET_USD });
  });

  it('should give way to the default an admin set', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    const admin = createActorCaller(deps, deps.actor);

    const settings = await admin.admin.updateSettings({ defaultDailyBudgetUsd: 50 });

    expect(settings).toMatchObject({ defaultDailyBudgetUsd: 50, fallbackDailyBudgetUsd: null });
    expect((await getBudgetStatus(deps, deps.actor)).userLimitMicros).toBe(usdToMicros(50));
  });

  it('should apply when Claude is the only paid service', async () => {
    const fake = await startAnthropicFake();
    try {
      deps = await createTestDeps({ env: { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl } });

      expect((await createActorCaller(deps, deps.actor).admin.getSettings()).fallbackDailyBudgetUsd).toBe(
        FALLBACK_DAILY_BUDGET_USD
      );
      expect((await getBudgetStatus(deps, deps.actor)).userLimitMicros).toBe(usdToMicros(FALLBACK_DAILY_BUDGET_USD));
    } finally {
      await fake.close();
    }
  });

  it('should not apply when every configured provider is free', async () => {
    deps = await createTestDeps();

    expect((await createActorCaller(deps, deps.actor).admin.getSettings()).fallbackDailyBudgetUsd).toBeNull();
    expect((await getBudgetStatus(deps, deps.actor)).userLimitMicros).toBeNull();
  });
});
