import { redirect } from '@sveltejs/kit';
import { createServerCaller } from '$lib/server/http/context';
import { studioLimits } from '$lib/server/http/studio-limits';
import { HISTORY_PAGE_SIZE } from '$lib/client/constants';
import { signInHref } from '$lib/client/return-path';
import type { PageServerLoad } from './$types';

/** Renders the studio with its providers and the first page of history, so nothing pops in after load. */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  if (!account) redirect(303, signInHref(event.url));
  const api = await createServerCaller(event);
  const [providers, history] = await Promise.all([
    api.providers.list(),
    api.images.history({ limit: HISTORY_PAGE_SIZE })
  ]);
  return { providers, history, limits: studioLimits(account.policy) };
};
