import { randomUUID } from 'node:crypto';
import { deleteImageRows, insertImageRows, retargetImageRows } from '../../db/repositories/generated-images';
import type { GeneratedImageRow } from '../../db/schema';
import { AppError, isAppError } from '../../errors';
import type { CallWarning } from '../../providers/types';
import type { Deps } from '../deps';
import { toImageDto, type ImageDto } from '../image-dto';
import { storeMask } from './mask';
import { assertStorageRoom } from '../storage-quota';
import type { Actor } from '../users';
import { CACHE_MISS, reuseCachedImages, type CacheAnswer } from './cache';
import { runCalls, type Refusal, type Round } from './call';
import { charge, release, reserve } from './charge';
import { endRows } from './end';
import { planFallback } from './fallback';
import { planOperation, type OperationPlan } from './plan';
import { createImageTally, progressReporter, type OperationControl } from './progress';
import type { GenerateRequest, OperationRequest } from './request';
import { trackRunning } from './running';
import { mergeWarnings } from './warnings';

export type GenerateOutcome = { images: ImageDto[]; warnings: CallWarning[]; cache: CacheAnswer };

type PipelineDeps = Pick<Deps, 'db' | 'providers' | 'storage' | 'clock' | 'log' | 'config'>;

const CANCELED = 'Canceled before it was finished.';

/**
 * plan → policy → cache (a seeded generate request made before) → budget reservation → rows → provider calls → store → settle → answer, the same for every
 * operation. Everything the request gets wrong, the account may not do, its storage quota cannot hold or
 * the budget cannot pay is refused before a row exists; after that each row ends `completed` with its
 * files, `failed` with its reason and no files, or `canceled` when the caller aborted. A paid operation
 * reserves its estimated cost first and settles what the provider charged (releases it when nothing was).
 */
export async function runOperation(
  deps: PipelineDeps,
  actor: Actor,
  request: OperationRequest,
  control?: OperationControl
): Promise<GenerateOutcome> {
  const plan = planOperation(deps, actor, request);
  if (request.operation === 'generate' && request.cache !== false) {
    const cached = await reuseCachedImages(deps, actor, plan);
    if (cached) return cached;
  }
  await control?.admit?.();
  await assertStorageRoom(deps, actor, plan);
  const reservation = await reserve(deps, actor, plan.estimateMicros);
  const started = deps.clock();
  const ids = plan.seeds.map(() => randomUUID());
  const mask = plan.mask ? await storeMask(deps, plan.mask, ids[0]!, started) : undefined;
  const rows = await insertImageRows(
    deps.db,
    plan.seeds.map((seed, index) => ({
      ...plan.row,
      id: ids[index],
      maskStoragePath: mask,
      userId: actor.id,
      provider: plan.provider.id,
      model: plan.model.id,
      size: plan.size,
      seed,
      status: 'generating' as const,
      createdAt: started
    }))
  ).catch(async (error: unknown) => {
    if (mask) await deps.storage.delete(mask);
    await release(deps, reservation);
    throw error;
  });

  const owner = new AbortController();
  // The operation timeout is the backstop: adapters time out earlier, by their own per-operation settings.
  const signal = AbortSignal.any([
    owner.signal,
    AbortSignal.timeout(deps.config.operations.timeoutMs),
    ...(control?.signal ? [control.signal] : [])
  ]);
  const finished = makeImages(deps, actor, request, { plan, reservation, rows, started, signal, control });
  trackRunning(
    rows.map((row) => row.id),
    owner,
    finished
  );
  return finished;
}

async function makeImages(
  deps: PipelineDeps,
  actor: Actor,
  request: OperationRequest,
  run: {
    plan: OperationPlan;
    reservation: Awaited<ReturnType<typeof reserve>>;
    rows: GeneratedImageRow[];
    started: Date;
    signal: AbortSignal;
    control?: OperationControl;
  }
): Promise<GenerateOutcome> {
  const { rows, started, signal } = run;
  let { plan, reservation } = run;
  const report = progressReporter(run.control);
  const tally = createImageTally(rows, deps.storage, report);
  const canceled = () =>
    signal.aborted && !(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError');
  report({
    stage: 'planned',
    total: rows.length,
    provider: plan.provider.id,
    model: plan.model.id,
    estimatedUsd: plan.estimateMicros / 1_000_000
  });

  report({ stage: 'calling', total: rows.length, provider: plan.provider.id, model: plan.model.id });
  let round = await runCalls(deps, plan, rows, { signal, started, tally });
  const alternative =
    request.operation === 'generate' && fallbackAllowed(request, round, canceled())
      ? planFallback(deps, actor, request, plan, round.failures[0]!.error)
      : undefined;
  if (alternative) {
    await release(deps, reservation);
    reservation = await reserve(deps, actor, alternative.plan.estimateMicros).catch(async (error: unknown) => {
      const message = isAppError(error) ? error.message : 'The fallback could not be paid for.';
      await endRows(deps, tally, tally.unfinished(), { status: 'failed', errorMessage: message });
      throw error;
    });
    plan = { ...alternative.plan, warnings: [alternative.warning, ...alternative.plan.warnings] };
    await retargetImageRows(
      deps.db,
      rows.map((row) => row.id),
      { provider: plan.provider.id, model: plan.model.id, size: plan.size }
    );
    report({ stage: 'calling', total: rows.length, provider: plan.provider.id, model: plan.model.id });
    round = await runCalls(deps, plan, rows, { signal, started, tally });
  }

  const failure = round.failures[0]?.error;
  await charge(deps, actor, reservation, {
    costUsd: round.costUsd,
    failed: failure !== undefined || canceled(),
    provider: plan.provider.id,
    model: plan.model.id,
    imageIds: rows.map((row) => row.id)
  });
  const providerError = failure === undefined ? undefined : toProviderError(failure, plan.provider.id);
  await endRows(
    deps,
    tally,
    tally.unfinished(),
    canceled() || !providerError
      ? { status: 'canceled', errorMessage: CANCELED }
      : { status: 'failed', errorMessage: providerError.message }
  );

  const refused = await discardRefused(deps, rows, round.refusals);
  const finalRows = tally.rows().filter((row) => !refused.has(row.id));
  const completed = finalRows.filter((row) => row.status === 'completed').length;
  report({ stage: 'done', total: rows.length, completed });
  if (completed === 0 && !finalRows.some((row) => row.status === 'canceled')) {
    throw (
      round.refusals[0]?.error ??
      providerError ??
      new AppError('provider_error', finalRows[0]?.errorMessage ?? 'No image could be generated.')
    );
  }
  return {
    images: finalRows.map((row) => toImageDto(row, deps.storage)),
    warnings: mergeWarnings(plan.warnings, round.warnings),
    cache: CACHE_MISS
  };
}

/**
 * Images the NSFW classifier refused are not kept: their rows go (no file was written for them), and the
 * edit's mask with them when no image of the operation is left to reference it. Their cost is charged.
 */
async function discardRefused(
  deps: PipelineDeps,
  rows: GeneratedImageRow[],
  refusals: Refusal[]
): Promise<Set<string>> {
  const refused = new Set(refusals.map((refusal) => refusal.rowId));
  if (refused.size === 0) return refused;
  await deleteImageRows(deps.db, [...refused]);
  const mask = rows[0]?.maskStoragePath;
  if (mask && refused.size === rows.length) await deps.storage.delete(mask);
  return refused;
}

/** Only when the caller allowed it, nothing was canceled, and every call refused before costing anything. */
function fallbackAllowed(request: GenerateRequest, round: Round, canceled: boolean): boolean {
  return request.fallback === true && !canceled && round.failures.length === round.calls && round.costUsd === 0;
}

function toProviderError(error: unknown, providerId: string): AppError {
  if (isAppError(error)) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new AppError('provider_unavailable', `${providerId} did not answer in time; try again.`, { cause: error });
  }
  return new AppError(
    'provider_error',
    `${providerId} failed to generate the image; try again or choose another provider.`,
    { cause: error }
  );
}
