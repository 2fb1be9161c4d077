import { eq, inArray } from 'drizzle-orm';
import { generatedImages, type GeneratedImageRow } from '../db/schema';
import { AppError, isAppError } from '../errors';
import { inspectImage, makeThumbnail } from '../images';
import type { CallWarning, GenerateCall, ImageProviderV1, ProducedImage } from '../providers/types';
import { recordAudit } from './audit';
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
import { checkGenerationPolicy } from './generation-policy';
import { toImageDto, type ImageDto } from './image-dto';
import type { Actor } from './users';

export type GenerateRequest = {
  prompt: string;
  provider?: string;
  model?: string;
  size?: string;
  quality?: string;
  style?: string;
  negativePrompt?: string;
  steps?: number;
  cfgScale?: number;
  seed?: number;
  count: number;
};

export type GenerateOutcome = { images: ImageDto[]; warnings: CallWarning[] };

type GenerateDeps = Pick<Deps, 'db' | 'providers' | 'storage' | 'clock' | 'log'>;

/** Provider calls of one request are aborted after this long. */
export const GENERATION_TIMEOUT_MS = 10 * 60_000;

/**
 * A budget reservation outlives the provider calls it pays for (they abort at GENERATION_TIMEOUT_MS),
 * so it cannot expire while money may still be being spent; it only expires when its process died.
 */
export const RESERVATION_TTL_MS = GENERATION_TIMEOUT_MS + 60_000;

/** Splits `count` into calls of at most `maxPerCall` images: 10 at 4 → [4, 4, 2]. */
export function splitIntoBatches(count: number, maxPerCall: number): number[] {
  const batches: number[] = [];
  for (let left = count; left > 0; left -= maxPerCall) batches.push(Math.min(left, maxPerCall));
  return batches;
}

/**
 * Text-to-image. Everything the request gets wrong, the account may not do, or the budget cannot pay
 * is refused before a row exists; after that each image row ends `completed` with its files, or
 * `failed` with its reason and no files. A paid request reserves its estimated cost first and settles
 * the actual cost once the provider answered (or releases it when the provider charged nothing).
 */
export async function generateImages(
  deps: GenerateDeps,
  actor: Actor,
  request: GenerateRequest
): Promise<GenerateOutcome> {
  const { provider, model } = deps.providers.resolve(request.provider, request.model);
  checkGenerationPolicy(actor.policy, { providerId: provider.id, modelId: model.id, count: request.count });
  if (!model.operations.includes('generate')) {
    throw new AppError(
      'unsupported',
      `${provider.id}/${model.id} cannot generate images from text; choose another model.`
    );
  }
  const size = request.size ?? model.defaultSize;
  if (!model.sizes.includes(size)) {
    throw new AppError(
      'validation',
      `Size ${size} is not available for ${provider.id}/${model.id}; choose one of ${model.sizes.join(', ')}.`
    );
  }
  const [width, height] = size.split('x').map(Number) as [number, number];
  const estimateMicros =
    request.count * usdToMicros(model.price.perImageUsd({ width, height, quality: request.quality }));
  const reservation =
    estimateMicros > 0 ? await reserveBudget(deps, actor, estimateMicros, { ttlMs: RESERVATION_TTL_MS }) : null;

  const started = deps.clock();
  const rows = await deps.db
    .insert(generatedImages)
    .values(
      Array.from({ length: request.count }, () => ({
        userId: actor.id,
        prompt: request.prompt,
        negativePrompt: request.negativePrompt,
        provider: provider.id,
        model: model.id,
        size,
        quality: request.quality,
        style: request.style,
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

  const call: Omit<GenerateCall, 'count'> = {
    model: model.id,
    prompt: request.prompt,
    negativePrompt: request.negativePrompt,
    width,
    height,
    seed: request.seed,
    steps: request.steps,
    cfgScale: request.cfgScale,
    quality: request.quality,
    style: request.style,
    signal: AbortSignal.timeout(GENERATION_TIMEOUT_MS)
  };
  const { answer, failure } = await callInBatches(provider, request.count, model.maxImagesPerCall, call);
  await chargeGeneration(deps, actor, reservation, {
    costUsd: answer.costUsd,
    failed: failure !== undefined,
    provider: provider.id,
    model: model.id,
    imageIds: rows.map((row) => row.id)
  });
  if (failure !== undefined) {
    const appError = toProviderError(failure, provider.id);
    await markFailed(deps, rows, appError.message);
    throw appError;
  }
  const { produced, warnings, costUsd } = answer;

  const elapsedMs = deps.clock().getTime() - started.getTime();
  const costPerImage = produced.length ? costUsd / produced.length : 0;
  const finished = await Promise.all(
    rows.map(async (row, index) => {
      const image = produced[index];
      if (!image) {
        return failOne(deps, row, `${provider.id} returned ${produced.length} of ${rows.length} images.`);
      }
      try {
        return await storeImage(deps, row, image, { elapsedMs, costUsd: costPerImage, warnings });
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

type ProviderAnswer = { produced: ProducedImage[]; warnings: CallWarning[]; costUsd: number };

/**
 * Runs every batch to its end even when one fails, so the cost of the batches that did answer is
 * known and charged; `failure` is the first batch's error.
 */
async function callInBatches(
  provider: ImageProviderV1,
  count: number,
  maxPerCall: number,
  call: Omit<GenerateCall, 'count'>
): Promise<{ answer: ProviderAnswer; failure?: unknown }> {
  const outcomes = await Promise.allSettled(
    splitIntoBatches(count, maxPerCall).map((batchCount, index) => {
      const offset = index * maxPerCall;
      return provider.generate({
        ...call,
        count: batchCount,
        seed: call.seed === undefined ? undefined : call.seed + offset
      });
    })
  );
  const results = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const rejection = outcomes.find((outcome) => outcome.status === 'rejected');
  return {
    answer: {
      produced: results.flatMap((result) => result.images),
      warnings: results[0]?.warnings ?? [],
      costUsd: results.reduce((sum, result) => sum + result.costUsd, 0)
    },
    ...(rejection && { failure: rejection.reason })
  };
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
  outcome: { elapsedMs: number; costUsd: number; warnings: CallWarning[] }
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
        metadata: { warnings: outcome.warnings, mediaType: info.mediaType },
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
      inArray(
        generatedImages.id,
        rows.map((row) => row.id)
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
