import { completeImageRow, findImageRows, type CompletedImage } from '../../db/repositories/generated-images';
import type { GeneratedImageRow } from '../../db/schema';
import { inspectWithThumbnail } from '../../images';
import type { CallWarning, ProducedImage } from '../../providers/types';
import { imageKey, thumbnailKey } from '../blob-keys';
import type { Deps } from '../deps';
import { checkImageSafety, type CheckedImage } from '../safety/check-image';

type StoreDeps = Pick<Deps, 'db' | 'storage' | 'clock' | 'config'>;

export type StoredOutcome = {
  /** What the NSFW classifier (when the instance runs it) checks the image as, before any file is written. */
  checked: CheckedImage;
  elapsedMs: number;
  costUsd: number;
  warnings: CallWarning[];
  providerMetadata?: Record<string, unknown>;
};

/**
 * Checks the image with the NSFW classifier (a refusal under the `block` policy throws `content_policy`
 * before anything is written), writes the image and its thumbnail, then completes the row with the verdict.
 * A row that ended meanwhile (canceled by its owner) keeps its state and the files just written are
 * removed, as they are when anything here fails.
 */
export async function storeImage(
  deps: StoreDeps,
  row: GeneratedImageRow,
  image: ProducedImage,
  outcome: StoredOutcome
): Promise<GeneratedImageRow> {
  const safety = await checkImageSafety(deps, image.bytes, outcome.checked);
  const { info, thumbnail } = await inspectWithThumbnail(image.bytes);
  const key = imageKey(row.id, row.createdAt, info.format);
  const thumbKey = thumbnailKey(row.id, row.createdAt);
  const written: string[] = [];
  const removeWritten = () => Promise.all(written.map((writtenKey) => deps.storage.delete(writtenKey)));
  try {
    await deps.storage.put(key, image.bytes);
    written.push(key);
    await deps.storage.put(thumbKey, thumbnail.bytes);
    written.push(thumbKey);
    const completed: CompletedImage = {
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
        ...(outcome.providerMetadata && { provider: [outcome.providerMetadata] })
      },
      completedAt: deps.clock(),
      safety
    };
    const updated = await completeImageRow(deps.db, row.id, completed);
    if (updated) return updated;
    await removeWritten();
    const [current] = await findImageRows(deps.db, [row.id]);
    if (!current) throw new Error(`Image row ${row.id} disappeared while it was being stored.`);
    return current;
  } catch (error) {
    await removeWritten();
    throw error;
  }
}
