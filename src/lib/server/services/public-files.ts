import { findImageVisibility } from '../db/repositories/generated-images';
import { AppError } from '../errors';
import { isValidBlobKey } from '../storage/fs';
import { imageIdOfKey, previewKey, previewSizeOfKey } from './blob-keys';
import type { Deps } from './deps';
import { mediaTypeOf, readOrMakePreview, type ImageContent } from './library';
import type { Actor } from './users';

/** Whether the file may be cached by anyone (`public`) or only answered to its owner or an admin (`private`). */
export type PublicFile = ImageContent & { audience: 'public' | 'private' };

/**
 * Bytes behind a public image URL (`/files/<key>`). Keys are unguessable uuids, as on a CDN;
 * anything that is not a key we generate is refused before the store is touched. A file of an image an
 * admin hid answers `not_found` like a missing one, except to its owner and to admins (`viewer`, read only
 * then: the request's session). A preview key (`previewUrls` of an image) is made on its first request.
 */
export async function readPublicFile(
  deps: Pick<Deps, 'storage' | 'db'>,
  key: string,
  viewer: () => Promise<Actor | null>
): Promise<PublicFile> {
  if (!isValidBlobKey(key)) throw new AppError('not_found', 'No such file.');
  const imageId = imageIdOfKey(key);
  const image = imageId ? await findImageVisibility(deps.db, imageId) : undefined;
  let audience: PublicFile['audience'] = 'public';
  if (image?.hiddenAt) {
    const actor = await viewer();
    if (!actor || (actor.id !== image.userId && actor.role !== 'admin'))
      throw new AppError('not_found', 'No such file.');
    audience = 'private';
  }
  const bytes =
    (await deps.storage.get(key)) ?? (image ? await makeMissingPreview(deps, key, image.storagePath) : null);
  if (!bytes) throw new AppError('not_found', 'No such file.');
  return { bytes, mediaType: mediaTypeOf(key), audience };
}

/** The preview `key` names, made from the image stored at `imageKey` when the key is one of its previews. */
async function makeMissingPreview(deps: Pick<Deps, 'storage'>, key: string, imageKey: string | null) {
  const size = previewSizeOfKey(key);
  if (!size || !imageKey || previewKey(imageKey, size) !== key) return null;
  return readOrMakePreview(deps.storage, imageKey, size);
}
