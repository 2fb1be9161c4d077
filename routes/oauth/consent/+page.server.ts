import { error, redirect } from '@sveltejs/kit';
import { OAUTH_STAY_CONNECTED_SCOPE } from '$lib/server/api';
import { createServerCaller } from '$lib/server/http/context';
import type { PageServerLoad } from './$types';

/**
 * better-auth's OAuth provider sends the signed-in person here with the app's signed authorization request
 * (`client_id`, `scope`, …, `sig`): the page names the app and what it asks for, and posts the answer back.
 */
export const load: PageServerLoad = async (event) => {
  const { account } = await event.parent();
  const params = event.url.searchParams;
  if (!params.has('sig')) error(400, 'This page is part of an app’s sign-in; start the connection from the app.');
  if (!account) redirect(303, `/sign-in${event.url.search}`);
  const api = await createServerCaller(event);
  const client = await api.apps.client({ clientId: params.get('client_id') ?? '' });
  const asked = (params.get('scope') ?? '').split(' ').filter(Boolean);
  // Staying connected is a sentence, not a choice: unticking it would only make the person sign in hourly.
  const requested = asked.filter((scope) => scope !== OAUTH_STAY_CONNECTED_SCOPE);
  const renewal = asked.includes(OAUTH_STAY_CONNECTED_SCOPE) ? [OAUTH_STAY_CONNECTED_SCOPE] : [];
  // The name is the app's own claim; where the answer goes is what identifies it.
  const returnsTo = URL.canParse(params.get('redirect_uri') ?? '') ? new URL(params.get('redirect_uri')!).origin : null;
  return { account, client, requested, renewal, returnsTo, oauthQuery: event.url.search.slice(1) };
};
