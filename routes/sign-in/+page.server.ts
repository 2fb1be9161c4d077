import { redirect } from '@sveltejs/kit';
import { createServerCaller } from '$lib/server/http/context';
import type { PageServerLoad } from './$types';

/**
 * What the page offers: the instance's first (admin) account with the setup code from the server's log
 * (`/setup?code=` lands here), a sign-up (policy open, or invite with a code), or sign-in. An app's sign-in
 * (OAuth) arrives with its signed authorization request (`sig`), which the form sends back to continue it.
 */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  const oauthQuery = event.url.searchParams.has('sig') ? event.url.search.slice(1) : undefined;
  // An app may ask a signed-in person to sign in again (`prompt=login`); anyone else signed in has nothing to do here.
  if (account && !oauthQuery) redirect(303, '/');
  const api = await createServerCaller(event);
  const { setupRequired, signUpPolicy } = await api.account.setupStatus();
  const param = (name: string) => event.url.searchParams.get(name) || undefined;
  return { setupRequired, signUpPolicy, inviteCode: param('invite'), setupCode: param('code'), oauthQuery };
};
