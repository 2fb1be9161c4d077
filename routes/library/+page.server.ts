import { redirect } from '@sveltejs/kit';
import { createServerCaller } from '$lib/server/http/context';
import { LIBRARY_CHOICES, libraryQueryFromParams } from '$lib/server/http/library-query';
import { studioLimits } from '$lib/server/http/studio-limits';
import { LIBRARY_PAGE_SIZE } from '$lib/client/constants';
import { signInHref } from '$lib/client/return-path';
import type { PageServerLoad } from './$types';

/** The library for the query in the URL: its first page, the collections and what the filters offer. */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  if (!account) redirect(303, signInHref(event.url));
  const api = await createServerCaller(event);
  const { query, ignored } = libraryQueryFromParams(event.url.searchParams);
  const [page, providers, collections] = await Promise.all([
    api.images.search({ ...query, limit: LIBRARY_PAGE_SIZE }),
    api.providers.list(),
    api.collections.list()
  ]);
  return {
    query,
    ignored,
    page,
    providers,
    collections: collections.collections,
    choices: LIBRARY_CHOICES,
    limits: studioLimits(account.policy)
  };
};
