import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The setup link the server logs at first start (`/setup?code=…`): the sign-in page creates the admin with it. */
export const GET: RequestHandler = ({ url }) => {
  const code = url.searchParams.get('code');
  redirect(303, code ? `/sign-in?code=${encodeURIComponent(code)}` : '/sign-in');
};
