import type { ServerInit } from '@sveltejs/kit';
import { startServer } from '$lib/server/api';

/** Parse the configuration and open (and migrate) the database before the first request, so bad settings stop start-up. */
export const init: ServerInit = async () => {
  await startServer();
};
