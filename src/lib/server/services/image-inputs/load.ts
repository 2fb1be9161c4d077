import type { GeneratedImageRow } from '../../db/schema';
import { AppError } from '../../errors';
import { isImageFormat, MEDIA_TYPES, uprightImage } from '../../images';
import type { InputImage } from '../../providers/types';
import type { Deps } from '../deps';
import { findOwnedRow } from '../library';
import type { Actor } from '../users';
import { parseImageReference, type ImageReference } from './reference';
import { fetchRemoteImage } from './remote';

/** An image an operation reads: validated pixels, and the library row when it already is one. */
export type LoadedImage = { image: InputImage; row?: GeneratedImageRow };

type LoadDeps = Pick<Deps, 'db' | 'storage'>;

/**
 * The image a reference names. Library images must be the caller's, finished and not in the trash (another
 * user's id is `not_found`, as a missing one); new bytes (inline or fetched) are validated — real format, size, pixels,
 * no bomb — and turned upright.
 */
export async function loadImage(
  deps: LoadDeps,
  actor: Actor,
  reference: ImageReference,
  options: { signal?: AbortSignal } = {}
): Promise<LoadedImage> {
  const parsed = parseImageReference(reference);
  if (parsed.kind === 'library') return loadLibraryImage(deps, actor, parsed.id);
  const bytes = parsed.kind === 'bytes' ? parsed.bytes : await fetchRemoteImage(parsed.url, options);
  const upright = await uprightImage(bytes);
  return {
    image: {
      bytes: upright.bytes,
      mediaType: upright.info.mediaType,
      width: upright.info.width,
      height: upright.info.height
    }
  };
}

async function loadLibraryImage(deps: LoadDeps, actor: Actor, id: string): Promise<LoadedImage> {
  const row = await findOwnedRow(deps, actor, id);
  if (row.deletedAt) {
    throw new AppError('validation', `Image ${id} is in the trash; restore it first (images.restore), then edit it.`);
  }
  const format = row.format ?? '';
  const bytes = row.status === 'completed' && row.storagePath ? await deps.storage.get(row.storagePath) : null;
  if (!bytes || !row.width || !row.height || !isImageFormat(format)) {
    throw new AppError('validation', `Image ${id} has no finished file to work from (status: ${row.status}).`);
  }
  return {
    image: { bytes, mediaType: MEDIA_TYPES[format], width: row.width, height: row.height },
    row
  };
}
