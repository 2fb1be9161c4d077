import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, budgetReservations, generatedImages, instanceSettings } from '$lib/server/db/schema';
import { AppError } from '$lib/server/errors';
import { postgresUnavailable } from '$tests/support/database';
import { listFiles } from '$tests/support/files';
import {
  createPaidTestProvider,
  PAID_PREMIUM_MODEL,
  PAID_PROVIDER_ID,
  type PaidTestProvider
} from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import {
  getBudgetStatus,
  microsToUsd,
  releaseReservation,
  reserveBudget,
  settleReservation,
  usdToMicros
} from './budgets';
import { generateImages } from './generation';
import type { Actor } from './users';

const IMAGE_MICROS = 40_000;

let deps: TestDeps;
afterEach(async () => {
  await deps?.close();
});

function generateOne(actor: Actor, prompt = 'a paid lighthouse') {
  return generateImages(deps, actor, { prompt, provider: PAID_PROVIDER_ID, count: 1 });
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/**
 * Opens every pooled connection first (the Neon driver's pool holds 10), as on a busy server: a cold
 * pool spends the burst's first few hundred milliseconds connecting, which hides races.
 */
async function warmConnectionPool() {
  await Promise.all(
    Array.from({ length: 10 }, () => deps.db.transaction((tx) => tx.execute(sql`select pg_sleep(0.02)`)))
  );
}

async function setGlobalBudget(micros: number | null) {
  await deps.db.update(instanceSettings).set({ globalDailyBudgetMicros: micros }).where(eq(instanceSettings.id, 1));
}

describe(usdToMicros.name, () => {
  it.each([
    [0.04, 40_000],
    [0.1 + 0.2, 300_000],
    [1.48, 1_480_000],
    [0.0000004, 0],
    [0.0000005, 1]
  ])('should turn $%d into %i micro-dollars, rounding to the nearest', (usd, micros) => {
    expect(usdToMicros(usd)).toBe(micros);
  });
});

describe(microsToUsd.name, () => {
  it('should give back the dollar amount a whole number of micro-dollars stands for', () => {
    expect(microsToUsd(1_480_000)).toBe(1.48);
    expect(microsToUsd(usdToMicros(0.0125))).toBe(0.0125);
  });
});

describe.skipIf(postgresUnavailable)(reserveBudget.name, () => {
  it('should let exactly 37 of 200 concurrent paid generations run when the budget fits 37', async () => {
    const provider = createPaidTestProvider();
    deps = await createTestDeps({ providers: [provider] });
    const actor = await createTestUser(deps, { policy: { dailyBudgetMicros: 37 * IMAGE_MICROS } });
    await warmConnectionPool();

    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, index) => generateOne(actor, `try ${index}`))
    );

    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refusedKinds = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected'
        ? [outcome.reason instanceof AppError ? outcome.reason.kind : String(outcome.reason)]
        : []
    );
    expect(fulfilled).toHaveLength(37);
    expect(refusedKinds).toStrictEqual(Array.from({ length: 163 }, () => 'budget_exceeded'));
    expect(provider.calls).toHaveLength(37);
    const rows = await deps.db.select().from(generatedImages);
    expect(rows.map((row) => row.status)).toStrictEqual(Array.from({ length: 37 }, () => 'completed'));
    expect(await listFiles(deps.storageRoot)).toHaveLength(37 * 2);
    const reservations = await deps.db.select().from(budgetReservations);
    expect(reservations.map((reservation) => reservation.status)).toStrictEqual(
      Array.from({ length: 37 }, () => 'settled')
    );
    expect(reservations.reduce((sum, reservation) => sum + (reservation.actualMicros ?? 0), 0)).toBe(37 * IMAGE_MICROS);
    expect(await deps.db.select().from(auditLog).where(eq(auditLog.action, 'generation.paid'))).toHaveLength(37);
  }, 90_000);

  it('should hold the global daily budget across users', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    await setGlobalBudget(3 * IMAGE_MICROS);
    const alice = await createTestUser(deps);
    const bob = await createTestUser(deps);

    await generateOne(alice);
    await generateOne(alice);
    await generateOne(bob);
    const refusals = await Promise.all([failureOf(generateOne(alice)), failureOf(generateOne(bob))]);

    expect(refusals.map((refusal) => refusal.kind)).toStrictEqual(['budget_exceeded', 'budget_exceeded']);
    expect(refusals[1]!.message).toContain('shared by everyone on this instance has $0.00 left today (UTC)');
    expect(await deps.db.select().from(generatedImages)).toHaveLength(3);
  });

  it('should say how much is left today and what to do', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    const actor = await createTestUser(deps, { policy: { dailyBudgetMicros: 100_000 } });
    await generateOne(actor);

    const refusal = await failureOf(
      generateImages(deps, actor, { prompt: 'two more', provider: PAID_PROVIDER_ID, count: 2 })
    );

    expect(refusal.kind).toBe('budget_exceeded');
    expect(refusal.message).toBe(
      'This request needs about $0.08, but your daily budget of $0.10 has $0.06 left today (UTC). ' +
        'To continue, ask for fewer or cheaper images, wait until 00:00 UTC when budgets reset, or ask an admin to raise your daily budget.'
    );
  });

  it('should apply the instance default budget to a user without their own', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    await deps.db
      .update(instanceSettings)
      .set({ defaultDailyBudgetMicros: IMAGE_MICROS })
      .where(eq(instanceSettings.id, 1));
    const actor = await createTestUser(deps);
    await generateOne(actor);

    expect((await failureOf(generateOne(actor))).kind).toBe('budget_exceeded');
  });

  it('should stop counting a reservation that was never settled once it expires', async () => {
    let now = new Date('2030-03-01T12:00:00.000Z');
    deps = await createTestDeps({ providers: [createPaidTestProvider()], now: () => now });
    const actor = await createTestUser(deps, { policy: { dailyBudgetMicros: IMAGE_MICROS } });
    // A process that reserved and died before settling.
    await reserveBudget(deps, actor, IMAGE_MICROS, { ttlMs: deps.config.operations.staleAfterMs });

    expect((await failureOf(generateOne(actor))).kind).toBe('budget_exceeded');
    now = new Date(now.getTime() + deps.config.operations.staleAfterMs - 1);
    expect((await failureOf(generateOne(actor))).kind).toBe('budget_exceeded');
    now = new Date(now.getTime() + 1);
    const { images } = await generateOne(actor);

    expect(images.map((image) => image.status)).toStrictEqual(['completed']);
  });

  it('should count spending against the UTC day it happened on', async () => {
    let now = new Date('2030-03-01T23:59:59.000Z');
    deps = await createTestDeps({ providers: [createPaidTestProvider()], now: () => now });
    const actor = await createTestUser(deps, { policy: { dailyBudgetMicros: IMAGE_MICROS } });
    await generateOne(actor);
    expect((await failureOf(generateOne(actor))).kind).toBe('budget_exceeded');

    now = new Date('2030-03-02T00:00:00.000Z');
    await generateOne(actor);

    const days = await deps.db.select({ day: budgetReservations.day }).from(budgetReservations);
    expect(days.map(({ day }) => day).sort()).toStrictEqual(['2030-03-01', '2030-03-02']);
  });

  it('should refuse an amount that is not a positive whole number of micro-dollars', async () => {
    deps = await createTestDeps();

    await expect(reserveBudget(deps, deps.actor, 0, { ttlMs: 1000 })).rejects.toThrow(RangeError);
    await expect(reserveBudget(deps, deps.actor, 0.5, { ttlMs: 1000 })).rejects.toThrow(RangeError);
  });
});

describe.skipIf(postgresUnavailable)(releaseReservation.name, () => {
  it('should give the budget back when the provider call fails', async () => {
    const paid = createPaidTestProvider();
    let failing = true;
    const flaky: PaidTestProvider = {
      ...paid,
      generate: (call) => (failing ? Promise.reject(new Error('upstream 500')) : paid.generate(call))
    };
    deps = await createTestDeps({ providers: [flaky] });
    const actor = await createTestUser(deps, { policy: { dailyBudgetMicros: IMAGE_MICROS } });

    expect((await failureOf(generateOne(actor))).kind).toBe('provider_error');
    failing = false;
    const { images } = await generateOne(actor);

    expect(images.map((image) => image.status)).toStrictEqual(['completed']);
    const reservations = await deps.db.select().from(budgetReservations);
    expect(reservations.map((row) => row.status).sort()).toStrictEqual(['released', 'settled']);
  });

  it('should leave a settled reservation settled', async () => {
    deps = await createTestDeps();
    const reservation = await reserveBudget(deps, deps.actor, IMAGE_MICROS, { ttlMs: 60_000 });
    await settleReservation(deps, reservation.id, 35_000);

    await releaseReservation(deps, reservation.id);
    await settleReservation(deps, reservation.id, 99_000);

    const [row] = await deps.db.select().from(budgetReservations);
    expect(row).toMatchObject({ status: 'settled', actualMicros: 35_000 });
  });
});

describe.skipIf(postgresUnavailable)(settleReservation.name, () => {
  it('should record the actual cost even after the reservation expired', async () => {
    let now = new Date('2030-03-01T12:00:00.000Z');
    deps = await createTestDeps({ now: () => now });
    const reservation = await reserveBudget(deps, deps.actor, IMAGE_MICROS, { ttlMs: 60_000 });
    now = new Date(now.getTime() + 120_000);

    await settleReservation(deps, reservation.id, 52_000);

    expect((await getBudgetStatus(deps, deps.actor)).spentMicros).toBe(52_000);
  });
});

describe.skipIf(postgresUnavailable)(getBudgetStatus.name, () => {
  it('should report spent, in-flight and what the tighter limit leaves', async () => {
    deps = await createTestDeps({ providers: [createPaidTestProvider()] });
    await setGlobalBudget(1_000_000);
    const actor = await createTestUser(deps, { policy: { dailyBudgetMicros: 500_000 } });
    const other = await createTestUser(deps);
    await generateImages(deps, actor, {
      prompt: 'premium',
      provider: PAID_PROVIDER_ID,
      model: PAID_PREMIUM_MODEL,
      count: 1
    });
    await reserveBudget(deps, actor, IMAGE_MICROS, { ttlMs: 60_000 });
    await reserveBudget(deps, other, 700_000, { ttlMs: 60_000 });

    const status = await getBudgetStatus(deps, actor);

    expect(status).toStrictEqual({
      day: deps.clock().toISOString().slice(0, 10),
      spentMicros: 80_000,
      reservedMicros: IMAGE_MICROS,
      userLimitMicros: 500_000,
      globalLimitMicros: 1_000_000,
      leftMicros: 1_000_000 - 80_000 - IMAGE_MICROS - 700_000
    });
  });

  it('should report no limit when neither the user nor the instance has one', async () => {
    deps = await createTestDeps();

    expect((await getBudgetStatus(deps, deps.actor)).leftMicros).toBeNull();
  });
});
