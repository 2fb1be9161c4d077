import { AppError } from '$lib/server/errors';
import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

function integerParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new AppError('validation', `${name} must be a whole number, got "${raw}".`);
  return Number(raw);
}

/** `GET /api/images/history?userId&limit&offset&cursor`: the seed's `{ success, images, count }` plus `total`, `nextCursor`, `userId`. */
export const GET: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const userId = event.url.searchParams.get('userId');
    const page = await api.images.history({
      limit: integerParam(event.url, 'limit'),
      offset: integerParam(event.url, 'offset'),
      cursor: event.url.searchParams.get('cursor') ?? undefined
    });
    if (userId && userId !== page.userId) {
      throw new AppError('not_found', `No user ${userId} is visible to you; omit userId to list your own images.`);
    }
    return { ...page, images: page.images.map((image) => toSeedImage(image)), count: page.images.length };
  });
