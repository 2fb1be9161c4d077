import { and, eq, inArray } from 'drizzle-orm';
import { generatedImages, type GeneratedImageRow } from '../db/schema';
import { AppError, isAppError } from '../errors';
import { inspectImage, makeThumbnail } from '../images';
import type { CallWarning, ProducedImage } from '../providers/types';
import { isProviderError } from '../providers/errors';
import { planFallback } from './fallback';
import { planGeneration, splitIntoBatches, type GenerateRequest, type GenerationPlan } from './generation-plan';
import { recordAudit } from './audit';
import { assertStorageRoom } from './storage-quota';
import { imageKey, thumbnailKey } from './blob-keys';
import {
  microsToUsd,
  releaseReservation,
  reserveBudget,
  settleReservation,
  usdToMicros,
  type BudgetReservation
} from './budgets';
import type { Deps } from './deps';
import { toImageDto, type ImageDto } from './image-dto';
import type { Actor } from './users';

export type { GenerateRequest } from './generation-plan';

export type GenerateOutcome = { images: ImageDto[]; warnings: CallWarning[] };

type GenerateDeps = Pick<Deps, 'db' | 'providers' | 'storage' | 'clock' | 'log'>;

/**
 * Provider calls of one request are aborted after this long. Adapters time out earlier, by their own
 * per-operation settings (at most 9 minutes, see config); this is the backstop.
 */
export const GENERATION_TIMEOUT_MS = 10 * 60_000;

/**
 * A budget reservation outlives the provider calls it pays for (they abort at GENERATION_TIMEOUT_MS),
 * so it cannot expire while money may still be being spent; it only expires when its process died.
 */
export const RESERVATION_TTL_MS = GENERATION_TIMEOUT_MS + 60_000;

/**
 * Text-to-image. Everything the request gets wrong, the account may not do, its storage quota cannot
 * hold or the budget cannot pay is refused before a row exists; after that each image row ends `completed` with its files, or
 * `failed` with its reason and no files. A paid request reserves its estimated cost first and settles
 * the actual cost once the provider answered (or releases it when the provider charged nothing).
 * With `fallback: true`, a provider that refused before doing paid work hands the request to another.
 */
export async function generateImages(
  deps: GenerateDeps,
  actor: Actor,
  request: GenerateRequest
): Promise<GenerateOutcome> {
  let plan = planGeneration(deps, actor, request);
  await assertStorageRoom(deps, actor, plan);
  let reservation = await reserve(deps, actor, plan.estimateMicros);

  const started = deps.clock();
  const rows = await deps.db
    .insert(generatedImages)
    .values(
      Array.from({ length: request.count }, () => ({
        userId: actor.id,
        prompt: request.prompt,
        negativePrompt: request.negativePrompt,
        provider: plan.provider.id,
        model: plan.model.id,
        size: plan.size,
        quality: plan.settings.quality,
        style: plan.settings.style,
        seed: request.seed,
        steps: request.steps,
        cfgScale: request.cfgScale,
        status: 'generating' as const,
        createdAt: started
      }))
    )
    .returning()
    .catch(async (error: unknown) => {
      if (reservation) await releaseReservation(deps, reservation.id);
      throw error;
    });

  let { answer, failure } = await callInBatches(deps, plan, rows, request.prompt);
  const fallback = failure !== undefined && answer.costUsd === 0 && request.fallback;
  const alternative = fallback ? planFallback(deps, actor, request, plan, failure) : undefined;
  if (alternative) {
    if (reservation) await releaseReservation(deps, reservation.id);
    reservation = await reserve(deps, actor, alternative.plan.estimateMicros).catch(async (error: unknown) => {
      await markFailed(deps, rows, isAppError(error) ? error.message : 'The fallback could not be paid for.');
      throw error;
    });
    plan = { ...alternative.plan, warnings: [alternative.warning, ...alternative.plan.warnings] };
    await retarget(deps, rows, plan);
    ({ answer, failure } = await callInBatches(deps, plan, rows, request.prompt));
  }
  await chargeGeneration(deps, actor, reservation, {
    costUsd: answer.costUsd,
    failed: failure !== undefined,
    provider: plan.provider.id,
    model: plan.model.id,
    imageIds: rows.map((row) => row.id)
  });
  if (failure !== undefined) {
    const appError = toProviderError(failure, plan.provider.id);
    await markFailed(deps, rows, appError.message);
    throw appError;
  }
  const { produced, costUsd } = answer;
  const warnings = mergeWarnings(plan.warnings, answer.warnings);

  const elapsedMs = deps.clock().getTime() - started.getTime();
  const costPerImage = produced.length ? costUsd / produced.length : 0;
  const finished = await Promise.all(
    rows.map(async (row, index) => {
      const image = produced[index];
      if (!image) {
        return failOne(deps, row, `${plan.provider.id} returned ${produced.length} of ${rows.length} images.`);
      }
      try {
        return await storeImage(deps, row, image, {
          elapsedMs,
          costUsd: costPerImage,
          warnings,
          providerMetadata: answer.providerMetadata
        });
      } catch (error) {
        deps.log.error({ err: error, imageId: row.id }, 'storing a generated image failed');
        return failOne(deps, row, isAppError(error) ? error.message : 'The image could not be stored.');
      }
    })
  );

  if (finished.every((row) => row.status === 'failed')) {
    throw new AppError('provider_error', finished[0]?.errorMessage ?? 'No image could be generated.');
  }
  return { images: finished.map((row) => toImageDto(row, deps.storage)), warnings };
}

function reserve(deps: GenerateDeps, actor: Actor, estimateMicros: number): Promise<BudgetReservation | null> {
  return estimateMicros > 0
    ? reserveBudget(deps, actor, estimateMicros, { ttlMs: RESERVATION_TTL_MS })
    : Promise.resolve(null);
}

/** The same warning can come from the plan and from the adapter; each is said once. */
function mergeWarnings(...lists: CallWarning[][]): CallWarning[] {
  const seen = new Set<string>();
  return lists.flat().filter((warning) => {
    const key = JSON.stringify(warning);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function retarget(deps: GenerateDeps, rows: GeneratedImageRow[], plan: GenerationPlan): Promise<void> {
  await deps.db
    .update(generatedImages)
    .set({ provider: plan.provider.id, model: plan.model.id, size: plan.size, taskId: null })
    .where(
      inArray(
        generatedImages.id,
        rows.map((row) => row.id)
      )
    );
}

type ProviderAnswer = {
  produced: ProducedImage[];
  warnings: CallWarning[];
  costUsd: number;
  providerMetadata: Record<string, unknown>[];
};

/**
 * Runs every batch to its end even when one fails, so the cost of the batches that did answer is
 * known and charged; `failure` is the first batch's error. A batch that becomes a long vendor job
 * writes the job's id on its rows, so the job can be canceled and found by its webhook.
 */
async function callInBatches(
  deps: GenerateDeps,
  plan: GenerationPlan,
  rows: GeneratedImageRow[],
  prompt: string
): Promise<{ answer: ProviderAnswer; failure?: unknown }> {
  const signal = AbortSignal.timeout(GENERATION_TIMEOUT_MS);
  const { maxImagesPerCall } = plan.model;
  const outcomes = await Promise.allSettled(
    splitIntoBatches(plan.count, maxImagesPerCall).map((batchCount, index) => {
      const offset = index * maxImagesPerCall;
      const batchRows = rows.slice(offset, offset + batchCount);
      return plan.provider.generate({
        ...plan.settings,
        model: plan.model.id,
        prompt,
        width: plan.width,
        height: plan.height,
        count: batchCount,
        seed: plan.settings.seed === undefined ? undefined : plan.settings.seed + offset,
        signal,
        onJobStarted: (jobId) => recordJob(deps, batchRows, jobId)
      });
    })
  );
  const results = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const rejections = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
  // A failed call can still have been billed (a filtered output); that money is spent too.
  const billedByFailures = rejections.reduce(
    (sum: number, reason: unknown) => sum + (isProviderError(reason) ? reason.costUsd : 0),
    0
  );
  return {
    answer: {
      produced: results.flatMap((result) => result.images),
      warnings: results[0]?.warnings ?? [],
      costUsd: results.reduce((sum, result) => sum + result.costUsd, billedByFailures),
      providerMetadata: results.flatMap((result) => (result.providerMetadata ? [result.providerMetadata] : []))
    },
    ...(rejections.length > 0 && { failure: rejections[0] })
  };
}

async function recordJob(deps: GenerateDeps, rows: GeneratedImageRow[], jobId: string): Promise<void> {
  await deps.db
    .update(generatedImages)
    .set({ taskId: jobId })
    .where(
      inArray(
        generatedImages.id,
        rows.map((row) => row.id)
      )
    );
}

/**
 * Settles the reservation with what the provider charged, even when storing the images fails later,
 * because the money is spent; releases it when a failed call charged nothing. Spending is audited.
 */
async function chargeGeneration(
  deps: GenerateDeps,
  actor: Actor,
  reservation: BudgetReservation | null,
  charge: { costUsd: number; failed: boolean; provider: string; model: string; imageIds: string[] }
): Promise<void> {
  if (reservation) {
    if (charge.failed && charge.costUsd === 0) await releaseReservation(deps, reservation.id);
    else await settleReservation(deps, reservation.id, usdToMicros(charge.costUsd));
  }
  if (charge.costUsd > 0) {
    await recordAudit(deps, {
      actorUserId: actor.id,
      action: 'generation.paid',
      ...(reservation && { targetType: 'budget_reservation', targetId: reservation.id }),
      details: {
        provider: charge.provider,
        model: charge.model,
        costUsd: charge.costUsd,
        estimatedUsd: reservation ? microsToUsd(reservation.amountMicros) : null,
        imageIds: charge.imageIds
      }
    });
  }
}

async function storeImage(
  deps: GenerateDeps,
  row: GeneratedImageRow,
  image: ProducedImage,
  outcome: {
    elapsedMs: number;
    costUsd: number;
    warnings: CallWarning[];
    providerMetadata: Record<string, unknown>[];
  }
): Promise<GeneratedImageRow> {
  const info = await inspectImage(image.bytes);
  const thumbnail = await makeThumbnail(image.bytes);
  const key = imageKey(row.id, row.createdAt, info.format);
  const thumbKey = thumbnailKey(row.id, row.createdAt);
  const written: string[] = [];
  try {
    await deps.storage.put(key, image.bytes);
    written.push(key);
    await deps.storage.put(thumbKey, thumbnail.bytes);
    written.push(thumbKey);
    const [updated] = await deps.db
      .update(generatedImages)
      .set({
        status: 'completed',
        url: deps.storage.publicUrl(key),
        storagePath: key,
        thumbnailPath: thumbKey,
        seed: image.seed ?? row.seed,
        revisedPrompt: image.revisedPrompt,
        width: info.width,
        height: info.height,
        format: info.format,
        fileSize: info.fileSize,
        costUsd: outcome.costUsd,
        generationTimeMs: outcome.elapsedMs,
        metadata: {
          warnings: outcome.warnings,
          mediaType: info.mediaType,
          ...(outcome.providerMetadata.length && { provider: outcome.providerMetadata })
        },
        completedAt: deps.clock()
      })
      .where(eq(generatedImages.id, row.id))
      .returning();
    if (!updated) throw new Error(`Image row ${row.id} disappeared while it was being stored.`);
    return updated;
  } catch (error) {
    await Promise.all(written.map((writtenKey) => deps.storage.delete(writtenKey)));
    throw error;
  }
}

async function markFailed(
  deps: GenerateDeps,
  rows: GeneratedImageRow[],
  message: string
): Promise<GeneratedImageRow[]> {
  return deps.db
    .update(generatedImages)
    .set({ status: 'failed', errorMessage: message, completedAt: deps.clock() })
    .where(
      and(
        inArray(
          generatedImages.id,
          rows.map((row) => row.id)
        ),
        // A row canceled meanwhile stays canceled.
        inArray(generatedImages.status, ['pending', 'generating'])
      )
    )
    .returning();
}

async function failOne(deps: GenerateDeps, row: GeneratedImageRow, message: string): Promise<GeneratedImageRow> {
  const [failed] = await markFailed(deps, [row], message);
  return failed ?? { ...row, status: 'failed', errorMessage: message };
}

function toProviderError(error: unknown, providerId: string): AppError {
  if (isAppError(error)) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new AppError('provider_unavailable', `${providerId} did not answer in time; try again.`, { cause: error });
  }
  return new AppError(
    'provider_error',
    `${providerId} failed to generate the image; try again or choose another provider.`,
    {
      cause: error
    }
  );
}
