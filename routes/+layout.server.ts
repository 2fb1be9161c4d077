import { createCaller } from '$lib/server/api';
import { createEventContext } from '$lib/server/http/context';
import type { LayoutServerLoad } from './$types';

/** Who is signed in (null when no one), for the header and for pages that need an account. */
export const load: LayoutServerLoad = async (event) => {
  const ctx = await createEventContext(event);
  return { account: ctx.user ? await createCaller(ctx).account.me() : null };
};
