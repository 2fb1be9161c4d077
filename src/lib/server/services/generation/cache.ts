import { createHash } from 'node:crypto';
import { and, eq, gte, sql } from 'drizzle-orm';
import { findCachedImageRows, type LibraryImageRow } from '../../db/repositories/generated-images';
import { cacheHits } from '../../db/schema';
import type { OutputFormat } from '../../providers/types';
import type { BlobStore } from '../../storage/types';
import { microsToUsd, usdToMicros } from '../budgets';
import type { Deps } from '../deps';
import { toImageDto } from '../image-dto';
import type { Actor } from '../users';
import type { GenerateOutcome } from './pipeline';
import type { OperationPlan } from './plan';

/** Whether the answer came from the cache, and what those images cost when they were made. */
export type CacheAnswer = { hit: boolean; savedUsd: number };

export const CACHE_MISS: CacheAnswer = { hit: false, savedUsd: 0 };

const DAY_MS = 86_400_000;

/** A generate request as it would run: provider and model resolved, knobs translated for the model. */
export type CacheableRequest = {
  prompt: string;
  negativePrompt?: string;
  provider: string;
  model: string;
  size: string;
  quality?: string;
  style?: string;
  steps?: number;
  cfgScale?: number;
  outputFormat?: OutputFormat;
  background?: string;
  count: number;
  seed: number;
};

/** sha256 of the request as canonical JSON: every field, in a fixed order, absent ones as null. */
export function generateCacheKey(request: CacheableRequest): string {
  const canonical = JSON.stringify({
    operation: 'generate',
    prompt: request.prompt,
    negativePrompt: request.negativePrompt || null,
    provider: request.provider,
    model: request.model,
    size: request.size,
    quality: request.quality ?? null,
    style: request.style ?? null,
    steps: request.steps ?? null,
    cfgScale: request.cfgScale ?? null,
    outputFormat: request.outputFormat ?? null,
    background: request.background ?? null,
    count: request.count,
    seed: request.seed
  });
  return createHash('sha256').update(canonical).digest('hex');
}

type CacheDeps = Pick<Deps, 'db' | 'storage' | 'clock' | 'config'>;

/**
 * The images an identical earlier request of this user made within the cache window, when every one of
 * them is completed, in the library (not trashed) and still has its files; the hit is recorded in
 * `cache_hits` with what those images cost. Undefined when the plan has no key (no seed) or nothing fits.
 */
export async function reuseCachedImages(
  deps: CacheDeps,
  actor: Actor,
  plan: OperationPlan
): Promise<GenerateOutcome | undefined> {
  const cacheKey = plan.row.cacheKey;
  const ttlDays = deps.config.cacheTtlDays;
  if (!cacheKey || ttlDays === 0) return undefined;
  const now = deps.clock();
  const rows = await findCachedImageRows(deps.db, {
    userId: actor.id,
    cacheKey,
    since: new Date(now.getTime() - ttlDays * DAY_MS),
    limit: plan.count * 20
  });
  for (const twin of requestsOf(rows)) {
    if (twin.length !== plan.count || !(await allReusable(deps.storage, twin))) continue;
    const savedMicros = twin.map((row) => usdToMicros(Number(row.costUsd)));
    await deps.db.insert(cacheHits).values(
      twin.map((row, index) => ({
        userId: actor.id,
        imageId: row.id,
        savedUsd: microsToUsd(savedMicros[index]!),
        createdAt: now
      }))
    );
    return {
      images: twin.map((row) => toImageDto(row, deps.storage)),
      warnings: plan.warnings,
      cache: { hit: true, savedUsd: microsToUsd(savedMicros.reduce((sum, micros) => sum + micros, 0)) }
    };
  }
  return undefined;
}

/** What the user's cache hits saved from `since` on. */
export async function savedByCache(deps: Pick<Deps, 'db'>, userId: string, since: Date): Promise<number> {
  const [row] = await deps.db
    .select({ savedUsd: sql<string>`coalesce(sum(${cacheHits.savedUsd}), 0)` })
    .from(cacheHits)
    .where(and(eq(cacheHits.userId, userId), gte(cacheHits.createdAt, since)));
  return Number(row?.savedUsd ?? 0);
}

/** Rows ordered newest first → one group per request (its rows share `createdAt`), in seed order. */
function requestsOf(rows: LibraryImageRow[]): LibraryImageRow[][] {
  const groups = new Map<number, LibraryImageRow[]>();
  for (const row of rows) {
    const at = row.createdAt.getTime();
    groups.set(at, [...(groups.get(at) ?? []), row]);
  }
  return [...groups.values()];
}

async function allReusable(storage: Pick<BlobStore, 'has'>, rows: LibraryImageRow[]): Promise<boolean> {
  if (rows.some((row) => row.status !== 'completed' || row.deletedAt !== null)) return false;
  const keys = rows.flatMap((row) => [row.storagePath, row.thumbnailPath]);
  if (keys.some((key) => !key)) return false;
  const present = await Promise.all(keys.map((key) => storage.has(key!)));
  return present.every(Boolean);
}
