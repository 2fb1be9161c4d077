import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { generatedImages, instanceSettings, users } from '../db/schema';
import { AppError } from '../errors';
import type { Deps } from './deps';
import type { Actor } from './users';

/**
 * An image's bytes before it exists: 4 per pixel, as much as uncompressed RGBA, so the estimate is never
 * below what PNG, JPEG or WebP store.
 */
const ESTIMATED_BYTES_PER_PIXEL = 4;

export type StorageRequest = { count: number; width: number; height: number };

export function estimateStoredBytes(request: StorageRequest): number {
  return request.count * request.width * request.height * ESTIMATED_BYTES_PER_PIXEL;
}

/**
 * Refuses with `too_large`, before any row, a generation that would take the actor past their storage
 * quota (their own, else the instance default; null = none): what their images store, plus the
 * estimate for images still being made, plus the estimate for this request.
 */
export async function assertStorageRoom(
  deps: Pick<Deps, 'db'>,
  actor: Pick<Actor, 'id'>,
  request: StorageRequest
): Promise<void> {
  const { quota, usedBytes } = await readStorage(deps, actor.id);
  if (quota === null) return;
  const neededBytes = estimateStoredBytes(request);
  if (usedBytes + neededBytes > quota) {
    throw new AppError(
      'too_large',
      `Your images use ${formatBytes(usedBytes)} of your ${formatBytes(quota)} storage quota, and this request ` +
        `may need up to ${formatBytes(neededBytes)} more. Ask for fewer or smaller images, delete images you no ` +
        'longer need and empty the trash (trashed images still count), or ask an admin to raise your storage quota.'
    );
  }
}

/**
 * The user's quota and what their images use, in one statement (every generation asks): stored images
 * count their file size; images still being made count their estimate.
 */
async function readStorage(
  deps: Pick<Deps, 'db'>,
  userId: string
): Promise<{ quota: number | null; usedBytes: number }> {
  const inFlight = inArray(generatedImages.status, ['pending', 'generating']);
  const quota = sql<number | null>`coalesce(${users.storageQuotaBytes}, ${instanceSettings.defaultStorageQuotaBytes})`;
  const used = deps.db
    .select({
      stored: sql`coalesce(sum(${generatedImages.fileSize}), 0)::bigint`.mapWith(Number).as('stored'),
      inFlightPixels: sql`coalesce(sum(
        split_part(${generatedImages.size}, 'x', 1)::bigint * split_part(${generatedImages.size}, 'x', 2)::bigint
      ) filter (where ${inFlight}), 0)::bigint`
        .mapWith(Number)
        .as('in_flight_pixels')
    })
    .from(generatedImages)
    // Without a quota nothing is summed: the condition on the outer row is checked once, before any scan.
    .where(and(eq(generatedImages.userId, users.id), isNotNull(quota)))
    .as('used');
  const [row] = await deps.db
    .select({
      own: users.storageQuotaBytes,
      instanceDefault: instanceSettings.defaultStorageQuotaBytes,
      stored: used.stored,
      inFlightPixels: used.inFlightPixels
    })
    .from(users)
    .innerJoin(instanceSettings, eq(instanceSettings.id, 1))
    .innerJoinLateral(used, sql`true`)
    .where(eq(users.id, userId));
  if (!row) throw new AppError('unauthorized', 'Your account no longer exists; sign in again.');
  return {
    quota: row.own ?? row.instanceDefault,
    usedBytes: row.stored + row.inFlightPixels * ESTIMATED_BYTES_PER_PIXEL
  };
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
