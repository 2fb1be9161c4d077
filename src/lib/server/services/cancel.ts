import { and, eq, inArray } from 'drizzle-orm';
import { generatedImages } from '../db/schema';
import { AppError } from '../errors';
import type { Deps } from './deps';
import { toImageDto, type ImageDto } from './image-dto';
import { findOwnedRow } from './library';
import type { Actor } from './users';

const UNFINISHED = ['pending', 'generating'] as const;

/**
 * Stops a long vendor job (a Replicate prediction) that one of the actor's images is waiting for:
 * the vendor is asked to cancel, and every image of that job ends `canceled`. The request that started
 * it then answers with the vendor's cancellation; what the vendor billed until then is still charged.
 */
export async function cancelGeneration(
  deps: Pick<Deps, 'db' | 'storage' | 'providers' | 'clock'>,
  actor: Actor,
  imageId: string
): Promise<{ images: ImageDto[] }> {
  const row = await findOwnedRow(deps, actor, imageId);
  if (!UNFINISHED.includes(row.status as (typeof UNFINISHED)[number])) {
    throw new AppError(
      'validation',
      `Image ${imageId} is already ${row.status}; only unfinished images can be canceled.`
    );
  }
  const provider = deps.providers.list().find((candidate) => candidate.id === row.provider);
  if (!row.taskId || !provider?.cancelJob) {
    throw new AppError(
      'unsupported',
      `Image ${imageId} is made in one ${row.provider} call that cannot be canceled; it ends by itself within its timeout.`
    );
  }
  await provider.cancelJob(row.taskId);
  const canceled = await deps.db
    .update(generatedImages)
    .set({ status: 'canceled', errorMessage: 'Canceled by its owner.', completedAt: deps.clock() })
    .where(
      and(
        eq(generatedImages.taskId, row.taskId),
        eq(generatedImages.userId, actor.id),
        inArray(generatedImages.status, [...UNFINISHED])
      )
    )
    .returning();
  return { images: canceled.map((canceledRow) => toImageDto(canceledRow, deps.storage)) };
}
