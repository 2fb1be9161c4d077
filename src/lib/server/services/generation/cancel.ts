import { cancelJobRows, findImageRows, UNFINISHED_STATUSES } from '../../db/repositories/generated-images';
import { AppError } from '../../errors';
import type { Deps } from '../deps';
import { endInterruptedImages, isPastTimeout } from '../housekeeping';
import { toImageDto, type ImageDto } from '../image-dto';
import { findOwnedRow } from '../library';
import type { Actor } from '../users';
import { abortRunning } from './running';

/**
 * Stops the operation one of the actor's unfinished images belongs to. Running in this process: its calls
 * are aborted (the vendor's job canceled where the vendor has cancel) and every unfinished image of it ends
 * `canceled`; images already made stay. Waiting on a vendor job started by another instance: the vendor is
 * asked to cancel and the job's images end `canceled`. What the vendor billed until then is still charged.
 * An image older than any live operation can be was interrupted (its process died): it ends `failed` as such.
 */
export async function cancelGeneration(
  deps: Pick<Deps, 'db' | 'storage' | 'providers' | 'clock' | 'config'>,
  actor: Actor,
  imageId: string
): Promise<{ images: ImageDto[] }> {
  const row = await findOwnedRow(deps, actor, imageId);
  if (!UNFINISHED_STATUSES.includes(row.status as (typeof UNFINISHED_STATUSES)[number])) {
    throw new AppError(
      'validation',
      `Image ${imageId} is already ${row.status}; only unfinished images can be canceled.`
    );
  }
  if (isPastTimeout(deps, row.createdAt)) {
    await endInterruptedImages(deps, { imageId: row.id });
    return { images: [toImageDto(await findOwnedRow(deps, actor, imageId), deps.storage)] };
  }
  const provider = deps.providers.list().find((candidate) => candidate.id === row.provider);
  const abortedHere = abortRunning(imageId);
  if (row.taskId && provider?.cancelJob) await provider.cancelJob(row.taskId);
  const ended = await abortedHere;
  if (ended) {
    const rows = await findImageRows(deps.db, ended);
    return { images: rows.map((endedRow) => toImageDto(endedRow, deps.storage)) };
  }
  if (!row.taskId || !provider?.cancelJob) {
    throw new AppError(
      'unsupported',
      `Image ${imageId} is being made by another Atelier process in one ${row.provider} call that cannot be canceled from here; it ends within its timeout.`
    );
  }
  const canceled = await cancelJobRows(deps.db, actor.id, row.taskId, {
    errorMessage: 'Canceled by its owner.',
    completedAt: deps.clock()
  });
  return { images: canceled.map((canceledRow) => toImageDto(canceledRow, deps.storage)) };
}
