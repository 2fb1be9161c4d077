import { Zip, ZipPassThrough } from 'fflate';
import { findImageRows } from '../db/repositories/generated-images';
import { AppError } from '../errors';
import { isImageFormat } from '../images';
import type { Deps } from './deps';
import { downloadFileName } from './downloads';
import { readImageContent } from './library';
import { requireOwnedImages } from './library/owned-images';
import type { Actor } from './users';

type ArchiveDeps = Pick<Deps, 'db' | 'storage'>;

/** The most bytes one archive may hold (the originals' stored sizes added up); ids are capped by `ZImageIds`. */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

export type ArchiveEntry = { id: string; fileName: string; fileSize: number };
export type ImageArchive = { fileName: string; entries: ArchiveEntry[]; totalBytes: number };

/**
 * What a zip of the actor's images will hold: each original under its download name (`red-lighthouse-42.png`,
 * `-2`, `-3` … when two would share one), in the order asked. The whole request is refused, before any
 * byte is sent, when an id is not the actor's image, an image has no stored file, or the total is too big.
 */
export async function planImageArchive(deps: ArchiveDeps, actor: Actor, ids: readonly string[]): Promise<ImageArchive> {
  const unique = await requireOwnedImages(deps.db, actor, ids, 'allowed');
  const rows = new Map((await findImageRows(deps.db, unique)).map((row) => [row.id, row]));
  const taken = new Set<string>();
  const entries = unique.map((id) => {
    const row = rows.get(id);
    const extension = row?.storagePath?.slice(row.storagePath.lastIndexOf('.') + 1) ?? '';
    if (!row || !isImageFormat(extension)) {
      throw new AppError('validation', `Image ${id} has no stored file (status: ${row?.status}); leave it out.`);
    }
    const fileName = uniqueName(downloadFileName(row, extension), taken);
    return { id, fileName, fileSize: row.fileSize ?? 0 };
  });
  const totalBytes = entries.reduce((sum, entry) => sum + entry.fileSize, 0);
  if (totalBytes > MAX_ARCHIVE_BYTES) {
    throw new AppError(
      'too_large',
      `These images add up to ${megabytes(totalBytes)} MB; one archive holds at most ${megabytes(MAX_ARCHIVE_BYTES)} MB. Download fewer at a time.`
    );
  }
  return { fileName: `atelier-${entries.length}-image${entries.length === 1 ? '' : 's'}.zip`, entries, totalBytes };
}

/**
 * The planned archive as a zip stream. Entries are stored, not deflated (PNG, JPEG and WebP are compressed
 * already), and read one at a time as the client takes the bytes, so memory holds one image, not the set.
 */
export function streamImageArchive(deps: ArchiveDeps, actor: Actor, archive: ImageArchive): ReadableStream<Uint8Array> {
  let zip: Zip;
  let next = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const entry = archive.entries[next++];
      if (!entry) return zip.end();
      const { bytes } = await readImageContent(deps, actor, entry.id, 'full');
      const file = new ZipPassThrough(entry.fileName);
      zip.add(file);
      file.push(bytes, true);
    }
  });
}

function uniqueName(fileName: string, taken: Set<string>): string {
  const dot = fileName.lastIndexOf('.');
  let candidate = fileName;
  for (let copy = 2; taken.has(candidate); copy++)
    candidate = `${fileName.slice(0, dot)}-${copy}${fileName.slice(dot)}`;
  taken.add(candidate);
  return candidate;
}

function megabytes(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}
