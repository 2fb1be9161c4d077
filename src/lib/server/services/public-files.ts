import { AppError } from '../errors';
import { isValidBlobKey } from '../storage/fs';
import type { Deps } from './deps';
import { mediaTypeOf, type ImageContent } from './library';

/**
 * Bytes behind a public image URL (`/files/<key>`). Keys are unguessable uuids, as on a CDN;
 * anything that is not a key we generate is refused before the store is touched.
 */
export async function readPublicFile(deps: Pick<Deps, 'storage'>, key: string): Promise<ImageContent> {
  if (!isValidBlobKey(key)) throw new AppError('not_found', 'No such file.');
  const bytes = await deps.storage.get(key);
  if (!bytes) throw new AppError('not_found', 'No such file.');
  return { bytes, mediaType: mediaTypeOf(key) };
}
