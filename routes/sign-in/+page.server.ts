import { redirect } from '@sveltejs/kit';
import { createServerCaller } from '$lib/server/api';
import type { PageServerLoad } from './$types';

/** What the page offers: the instance's first (admin) account, a sign-up (policy open, or invite with a code), or sign-in. */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  if (account) redirect(303, '/');
  const api = await createServerCaller(event);
  const { needsAdmin, signUpPolicy } = await api.account.setupStatus();
  return { needsAdmin, signUpPolicy, inviteCode: event.url.searchParams.get('invite') || undefined };
};
