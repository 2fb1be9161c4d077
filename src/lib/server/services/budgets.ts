import { and, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { budgetReservations, instanceSettings, users } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { Deps } from './deps';
import type { Actor } from './users';

type BudgetDeps = Pick<Deps, 'db' | 'clock'>;

const MICROS_PER_USD = 1_000_000;

/**
 * Each user's daily budget when a paid provider is configured and neither the user nor the instance has
 * one: a stranger who got an account cannot spend without bound before an admin decides.
 */
export const FALLBACK_DAILY_BUDGET_USD = 5;

/** Whether anything configured charges money: an image provider (the built-in `local` renderer does not) or Claude. */
export function hasPaidProvider(deps: Pick<Deps, 'providers' | 'assistant'>): boolean {
  return (
    deps.assistant !== null ||
    deps.providers.list().some((provider) => provider.models.some((model) => model.price.unit !== 'free'))
  );
}

/**
 * Fixed and distinct from the migration lock: every process sharing the database takes this one lock
 * to reserve, so "sum what is committed, then insert" can never interleave with another reservation.
 */
const BUDGET_LOCK_KEY = 4_280_601;

export type BudgetReservation = { id: string; amountMicros: number };

export type BudgetStatus = {
  /** The UTC day the figures count against, `YYYY-MM-DD`. */
  day: string;
  /** The actor's settled (actually spent) micro-dollars today. */
  spentMicros: number;
  /** The actor's reservations still in flight (not settled, not expired). */
  reservedMicros: number;
  /**
   * The actor's own daily limit (their setting, else the instance default, else FALLBACK_DAILY_BUDGET_USD
   * when a paid provider is configured); null = unlimited.
   */
  userLimitMicros: number | null;
  globalLimitMicros: number | null;
  /** What the tighter of the two limits still allows today; null when neither is set. */
  leftMicros: number | null;
};

/**
 * Rounds to the nearest micro-dollar: prices like 0.04 are not exact in binary floating point
 * (0.04 × 1e6 = 40000.000000000004), and a micro-dollar is far below any provider's price step.
 */
export function usdToMicros(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

/** Exact up to float precision: any integer micro-dollar amount below 2^53 maps to the nearest double. */
export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** The UTC day a moment's spending counts against, `YYYY-MM-DD`. */
export function budgetDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * Sets `amountMicros` aside against the actor's and the instance's daily budgets, or refuses with
 * `budget_exceeded` saying how much is left. Reservations are serialised across every process sharing
 * the database, so concurrent requests can never reserve more than a budget holds. The reservation
 * stops counting after `ttlMs` unless settled, so a process that dies mid-call cannot block a budget.
 * Only paid calls reserve: `amountMicros` must be a positive integer.
 */
export async function reserveBudget(
  deps: BudgetDeps,
  actor: Pick<Actor, 'id'>,
  amountMicros: number,
  options: { ttlMs: number }
): Promise<BudgetReservation> {
  if (!Number.isSafeInteger(amountMicros) || amountMicros <= 0) {
    throw new RangeError(`A reservation needs a positive whole number of micro-dollars, not ${amountMicros}.`);
  }
  const now = deps.clock();
  const day = budgetDay(now);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BUDGET_LOCK_KEY}::bigint)`);
    // Only paid calls reserve, so a paid provider is configured.
    const { limits, totals } = await readBudget(tx, { day, now, userId: actor.id, paidProvider: true });
    const binding = tightestLimit(limits, totals);
    if (binding && amountMicros > leftUnder(binding)) {
      throw new AppError('budget_exceeded', refusalMessage(binding, amountMicros));
    }
    const [row] = await tx
      .insert(budgetReservations)
      .values({
        userId: actor.id,
        day,
        reservedMicros: amountMicros,
        expiresAt: new Date(now.getTime() + options.ttlMs)
      })
      .returning({ id: budgetReservations.id });
    if (!row) throw new Error('The budget reservation row was not written.');
    return { id: row.id, amountMicros };
  });
}

/**
 * Records what a reserved call really cost. Applies even after the reservation expired, because the
 * money was spent; a reservation already settled or released is left as it is.
 */
export async function settleReservation(deps: BudgetDeps, id: string, actualMicros: number): Promise<void> {
  await deps.db
    .update(budgetReservations)
    .set({ status: 'settled', actualMicros, settledAt: deps.clock() })
    .where(and(eq(budgetReservations.id, id), inArray(budgetReservations.status, ['reserved', 'expired'])));
}

/** Gives a reservation back after a call that cost nothing (it failed); settled reservations stay settled. */
export async function releaseReservation(deps: BudgetDeps, id: string): Promise<void> {
  await deps.db
    .update(budgetReservations)
    .set({ status: 'released', settledAt: deps.clock() })
    .where(and(eq(budgetReservations.id, id), eq(budgetReservations.status, 'reserved')));
}

/**
 * Marks `expired` the reservations still held past their expiry: their process died between reserve and
 * settle. They stopped counting at expiry already; this records it. Returns how many it marked; with several
 * instances sweeping at once, each reservation is marked by one of them.
 */
export async function expireAbandonedReservations(deps: BudgetDeps): Promise<number> {
  const now = deps.clock();
  const expired = await deps.db
    .update(budgetReservations)
    .set({ status: 'expired', settledAt: now })
    .where(and(eq(budgetReservations.status, 'reserved'), lt(budgetReservations.expiresAt, now)))
    .returning({ id: budgetReservations.id });
  return expired.length;
}

/** Today's (UTC) spending of the actor against their own and the instance's daily budget. */
export async function getBudgetStatus(
  deps: BudgetDeps & Pick<Deps, 'providers' | 'assistant'>,
  actor: Pick<Actor, 'id'>
): Promise<BudgetStatus> {
  const now = deps.clock();
  const day = budgetDay(now);
  const { limits, totals } = await readBudget(deps.db, {
    day,
    now,
    userId: actor.id,
    paidProvider: hasPaidProvider(deps)
  });
  const binding = tightestLimit(limits, totals);
  return {
    day,
    spentMicros: totals.userSpent,
    reservedMicros: totals.userReserved,
    userLimitMicros: limits.userLimit,
    globalLimitMicros: limits.globalLimit,
    leftMicros: binding ? leftUnder(binding) : null
  };
}

type Limits = { userLimit: number | null; globalLimit: number | null };

type DayTotals = { userSpent: number; userReserved: number; allSpent: number; allReserved: number };

/** One daily limit and what already counts against it. */
type ScopedLimit = { scope: 'user' | 'instance'; limitMicros: number; committedMicros: number };

type Queryable = Pick<Db, 'select'>;

/**
 * The user's and the instance's limits and what counts against the day (settled actual costs plus
 * reservations that have not expired yet), in one statement: it runs under the budget lock on every paid call.
 */
async function readBudget(
  db: Queryable,
  scope: { day: string; now: Date; userId: string; paidProvider: boolean }
): Promise<{ limits: Limits; totals: DayTotals }> {
  const settled = eq(budgetReservations.status, 'settled');
  const live = and(eq(budgetReservations.status, 'reserved'), gt(budgetReservations.expiresAt, scope.now));
  const mine = eq(budgetReservations.userId, scope.userId);
  const day = db
    .select({
      userSpent: sumWhere(budgetReservations.actualMicros, and(mine, settled)).as('user_spent'),
      userReserved: sumWhere(budgetReservations.reservedMicros, and(mine, live)).as('user_reserved'),
      allSpent: sumWhere(budgetReservations.actualMicros, settled).as('all_spent'),
      allReserved: sumWhere(budgetReservations.reservedMicros, live).as('all_reserved')
    })
    .from(budgetReservations)
    .where(eq(budgetReservations.day, scope.day))
    .as('day');
  const [row] = await db
    .select({
      own: users.dailyBudgetMicros,
      instanceDefault: instanceSettings.defaultDailyBudgetMicros,
      globalLimit: instanceSettings.globalDailyBudgetMicros,
      userSpent: day.userSpent,
      userReserved: day.userReserved,
      allSpent: day.allSpent,
      allReserved: day.allReserved
    })
    .from(users)
    .innerJoin(instanceSettings, eq(instanceSettings.id, 1))
    .innerJoin(day, sql`true`)
    .where(eq(users.id, scope.userId));
  if (!row) throw new AppError('unauthorized', 'Your account no longer exists; sign in again.');
  const fallback = scope.paidProvider ? usdToMicros(FALLBACK_DAILY_BUDGET_USD) : null;
  return {
    limits: { userLimit: row.own ?? row.instanceDefault ?? fallback, globalLimit: row.globalLimit },
    totals: {
      userSpent: row.userSpent,
      userReserved: row.userReserved,
      allSpent: row.allSpent,
      allReserved: row.allReserved
    }
  };
}

/** `sum()` of a bigint is numeric, which drivers return as a string (or a BigInt on PGlite): cast back, then map. */
function sumWhere(column: AnyPgColumn, condition: SQL | undefined): SQL<number> {
  return sql`coalesce(sum(${column}) filter (where ${condition}), 0)::bigint`.mapWith(Number);
}

function tightestLimit(limits: Limits, totals: DayTotals): ScopedLimit | null {
  const candidates: ScopedLimit[] = [];
  if (limits.userLimit !== null) {
    candidates.push({
      scope: 'user',
      limitMicros: limits.userLimit,
      committedMicros: totals.userSpent + totals.userReserved
    });
  }
  if (limits.globalLimit !== null) {
    candidates.push({
      scope: 'instance',
      limitMicros: limits.globalLimit,
      committedMicros: totals.allSpent + totals.allReserved
    });
  }
  return candidates.reduce<ScopedLimit | null>(
    (tightest, candidate) => (tightest && leftUnder(tightest) <= leftUnder(candidate) ? tightest : candidate),
    null
  );
}

function leftUnder(limit: ScopedLimit): number {
  return Math.max(0, limit.limitMicros - limit.committedMicros);
}

function refusalMessage(limit: ScopedLimit, amountMicros: number): string {
  const left = leftUnder(limit);
  const budget =
    limit.scope === 'user'
      ? `your daily budget of ${formatUsd(limit.limitMicros, 'down')}`
      : `the daily budget of ${formatUsd(limit.limitMicros, 'down')} shared by everyone on this instance`;
  const raise = limit.scope === 'user' ? 'your daily budget' : 'the global daily budget';
  const fewer = left > 0 ? 'ask for fewer or cheaper images, ' : '';
  return (
    `This request needs about ${formatUsd(amountMicros, 'up')}, but ${budget} has ${formatUsd(left, 'down')} left today (UTC). ` +
    `To continue, ${fewer}wait until 00:00 UTC when budgets reset, or ask an admin to raise ${raise}.`
  );
}

/**
 * `$0.04`, `$0.0125`: at least cents, at most four decimals. Amounts left round down and amounts
 * needed round up, so a message never promises money that is not there.
 */
function formatUsd(micros: number, rounding: 'up' | 'down'): string {
  const round = rounding === 'up' ? Math.ceil : Math.floor;
  const tenThousandths = round(micros / 100);
  const fixed = (tenThousandths / 10_000).toFixed(4).replace(/0{1,2}$/, '');
  return `$${fixed}`;
}
