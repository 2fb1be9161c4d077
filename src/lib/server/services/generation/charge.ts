import { recordAudit } from '../audit';
import {
  microsToUsd,
  releaseReservation,
  reserveBudget,
  settleReservation,
  usdToMicros,
  type BudgetReservation
} from '../budgets';
import type { Deps } from '../deps';
import type { Actor } from '../users';

type ChargeDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'config'>;

/**
 * A paid operation reserves its estimate before any row exists; a free one reserves nothing. The reservation
 * outlives the provider calls it pays for (aborted at the operation timeout), so it cannot expire while
 * money may still be being spent; it only expires when its process died.
 */
export function reserve(deps: ChargeDeps, actor: Actor, estimateMicros: number): Promise<BudgetReservation | null> {
  return estimateMicros > 0
    ? reserveBudget(deps, actor, estimateMicros, { ttlMs: deps.config.operations.staleAfterMs })
    : Promise.resolve(null);
}

export function release(deps: ChargeDeps, reservation: BudgetReservation | null): Promise<void> {
  return reservation ? releaseReservation(deps, reservation.id) : Promise.resolve();
}

export type Charge = { costUsd: number; failed: boolean; provider: string; model: string; imageIds: string[] };

/**
 * Settles the reservation with what the provider charged, even when storing the images failed, because
 * the money is spent; releases it when a failed or canceled operation was charged nothing. Spending is audited.
 */
export async function charge(
  deps: ChargeDeps,
  actor: Actor,
  reservation: BudgetReservation | null,
  spent: Charge
): Promise<void> {
  if (reservation) {
    if (spent.failed && spent.costUsd === 0) await releaseReservation(deps, reservation.id);
    else await settleReservation(deps, reservation.id, usdToMicros(spent.costUsd));
  }
  if (spent.costUsd > 0) {
    await recordAudit(deps, {
      actorUserId: actor.id,
      action: 'generation.paid',
      ...(reservation && { targetType: 'budget_reservation', targetId: reservation.id }),
      details: {
        provider: spent.provider,
        model: spent.model,
        costUsd: spent.costUsd,
        estimatedUsd: reservation ? microsToUsd(reservation.amountMicros) : null,
        imageIds: spent.imageIds
      }
    });
  }
}
