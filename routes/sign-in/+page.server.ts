import { redirect } from '@sveltejs/kit';
import { createServerCaller } from '$lib/server/http/context';
import { RETURN_PARAM, safeReturnPath } from '$lib/client/return-path';
import type { PageServerLoad } from './$types';

/**
 * What the page offers: the instance's first (admin) account with the setup code from the server's log
 * (`/setup?code=` lands here), a sign-up (policy open, or invite with a code), or sign-in. An app's sign-in
 * (OAuth) arrives with its signed authorization request (`sig`), which the form sends back to continue it.
 * A page that sent a signed-out visitor here names itself in `redirectTo`; the form returns there.
 */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  const oauthQuery = event.url.searchParams.has('sig') ? event.url.search.slice(1) : undefined;
  const returnTo = safeReturnPath(event.url.searchParams.get(RETURN_PARAM));
  // An app may ask a signed-in person to sign in again (`prompt=login`); anyone else signed in has nothing to do here.
  if (account && !oauthQuery) redirect(303, returnTo);
  const api = await createServerCaller(event);
  const param = (name: string) => event.url.searchParams.get(name) || undefined;
  const inviteCode = param('invite');
  // A code the procedure refuses as malformed is no invite either; the sign-up then says why it is refused.
  const [{ setupRequired, signUpPolicy }, invite] = await Promise.all([
    api.account.setupStatus(),
    inviteCode ? api.account.invite({ code: inviteCode }).catch(() => null) : null
  ]);
  return {
    setupRequired,
    signUpPolicy,
    inviteCode,
    inviteEmail: invite?.email ?? undefined,
    setupCode: param('code'),
    oauthQuery,
    returnTo
  };
};
