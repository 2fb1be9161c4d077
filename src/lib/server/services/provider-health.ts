import { and, count, gte, inArray } from 'drizzle-orm';
import { generatedImages } from '../db/schema';
import type { ProviderRegistry } from '../providers/registry';
import type { ImageProviderV1 } from '../providers/types';
import type { Deps } from './deps';

export type ProviderHealth = {
  id: string;
  label: string;
  configured: true;
  /** null: the provider runs on this machine (nothing to reach). */
  reachable: boolean | null;
  detail?: string;
  /** Finished images of the last `windowHours`; `rate` is null without any. */
  recent: { windowHours: number; completed: number; failed: number; successRate: number | null };
};

const REACHABILITY_TTL_MS = 60_000;
const REACHABILITY_TIMEOUT_MS = 5_000;
const SUCCESS_WINDOW_HOURS = 24;

export type Reachability = Pick<ProviderHealth, 'reachable' | 'detail'>;
type CachedReachability = { checkedAt: number; answer: Promise<Reachability> };

/** Per registry, so each app instance (and each test's deps) keeps its own cache. */
const reachabilityCaches = new WeakMap<ProviderRegistry, Map<string, CachedReachability>>();

function probe(provider: ImageProviderV1): Promise<Reachability> {
  if (!provider.checkReachable) return Promise.resolve({ reachable: null });
  return provider.checkReachable(AbortSignal.timeout(REACHABILITY_TIMEOUT_MS)).catch((error: unknown) => ({
    reachable: false,
    detail: error instanceof Error ? error.message : 'the check failed'
  }));
}

/**
 * Whether each vendor answers, from calls it does not bill (model list, balance, account), at most once a
 * minute per provider however often health is asked; concurrent askers share one check.
 */
function reachabilityOf(deps: Pick<Deps, 'providers' | 'clock'>, provider: ImageProviderV1): Promise<Reachability> {
  let cache = reachabilityCaches.get(deps.providers);
  if (!cache) reachabilityCaches.set(deps.providers, (cache = new Map()));
  const now = deps.clock().getTime();
  const cached = cache.get(provider.id);
  if (cached && now - cached.checkedAt < REACHABILITY_TTL_MS) return cached.answer;
  const answer = probe(provider);
  cache.set(provider.id, { checkedAt: now, answer });
  return answer;
}

async function recentOutcomes(
  deps: Pick<Deps, 'db' | 'clock'>
): Promise<Map<string, { completed: number; failed: number }>> {
  const since = new Date(deps.clock().getTime() - SUCCESS_WINDOW_HOURS * 3_600_000);
  const rows = await deps.db
    .select({ provider: generatedImages.provider, status: generatedImages.status, images: count() })
    .from(generatedImages)
    .where(and(gte(generatedImages.createdAt, since), inArray(generatedImages.status, ['completed', 'failed'])))
    .groupBy(generatedImages.provider, generatedImages.status);
  const byProvider = new Map<string, { completed: number; failed: number }>();
  for (const row of rows) {
    const entry = byProvider.get(row.provider) ?? { completed: 0, failed: 0 };
    if (row.status === 'completed') entry.completed += row.images;
    else entry.failed += row.images;
    byProvider.set(row.provider, entry);
  }
  return byProvider;
}

/** Whether each configured provider answers (cached, no paid calls), in `providers.list()` order. */
export function checkReachability(deps: Pick<Deps, 'providers' | 'clock'>): Promise<Reachability[]> {
  return Promise.all(deps.providers.list().map((provider) => reachabilityOf(deps, provider)));
}

/** Each configured provider: reachable or not (cached, no paid calls) and its recent success rate. */
export async function checkProviders(deps: Pick<Deps, 'db' | 'providers' | 'clock'>): Promise<ProviderHealth[]> {
  const providers = deps.providers.list();
  const [outcomes, reachability] = await Promise.all([recentOutcomes(deps), checkReachability(deps)]);
  return providers.map((provider, index) => {
    const { completed, failed } = outcomes.get(provider.id) ?? { completed: 0, failed: 0 };
    const finished = completed + failed;
    return {
      id: provider.id,
      label: provider.label,
      configured: true,
      ...reachability[index]!,
      recent: {
        windowHours: SUCCESS_WINDOW_HOURS,
        completed,
        failed,
        successRate: finished ? Math.round((completed / finished) * 1000) / 1000 : null
      }
    };
  });
}
