import { deleteImageRows, insertImageRows } from '../../db/repositories/generated-images';
import type { GeneratedImageRow } from '../../db/schema';
import type { InputImage } from '../../providers/types';
import type { Deps } from '../deps';
import { storeImage } from '../generation/store';
import { assertStorageRoom } from '../storage-quota';
import type { Actor } from '../users';

/** Uploads are library images like any other, told apart by these. */
export const UPLOAD = { provider: 'upload', model: 'upload', editType: 'upload' } as const;

/**
 * Keeps a validated image the caller brought as a library image (`edit_type = 'upload'`, free), with its
 * thumbnail; `name` becomes its prompt, so it can be found. A failure leaves neither row nor file; an image
 * the NSFW classifier flags under the `block` policy is refused with `content_policy`, before any paid call.
 */
export async function storeUpload(
  deps: Pick<Deps, 'db' | 'storage' | 'clock' | 'config'>,
  actor: Actor,
  image: InputImage,
  name?: string
): Promise<GeneratedImageRow> {
  await assertStorageRoom(deps, actor, { count: 1, width: image.width, height: image.height });
  const [row] = await insertImageRows(deps.db, [
    {
      ...UPLOAD,
      userId: actor.id,
      prompt: name ?? '',
      size: `${image.width}x${image.height}`,
      status: 'generating',
      createdAt: deps.clock()
    }
  ]);
  try {
    return await storeImage(deps, row!, image, { checked: 'upload', elapsedMs: 0, costUsd: 0, warnings: [] });
  } catch (error) {
    await deleteImageRows(deps.db, [row!.id]);
    throw error;
  }
}
