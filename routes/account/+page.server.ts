import { redirect } from '@sveltejs/kit';
import { MAX_IMAGES_PER_REQUEST } from '$lib/server/api';
import { createServerCaller } from '$lib/server/http/context';
import { signInHref } from '$lib/client/return-path';
import type { PageServerLoad } from './$types';

/** The signed-in account (from the layout), its API keys and the apps connected through OAuth. */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  if (!account) redirect(303, signInHref(event.url));
  const api = await createServerCaller(event);
  const [keys, apps] = await Promise.all([api.keys.list(), api.apps.list()]);
  return { account, keys, apps, maxImagesPerRequest: MAX_IMAGES_PER_REQUEST };
};
