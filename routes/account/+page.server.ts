import { redirect } from '@sveltejs/kit';
import { MAX_IMAGES_PER_REQUEST } from '$lib/server/api';
import { createServerCaller } from '$lib/server/http/context';
import type { PageServerLoad } from './$types';

/** The signed-in account (from the layout) and its API keys. */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  if (!account) redirect(303, '/sign-in');
  const api = await createServerCaller(event);
  return { account, keys: await api.keys.list(), maxImagesPerRequest: MAX_IMAGES_PER_REQUEST };
};
