import type { ServerInit } from '@sveltejs/kit';
import { startServer, stopServer } from '$lib/server/api';

/** Parse the configuration and open (and migrate) the database before the first request, so bad settings stop start-up. */
export const init: ServerInit = async () => {
  await startServer();
  // adapter-node emits this once HTTP is closed on SIGTERM/SIGINT; closing the database lets the process exit
  // (an open PGlite keeps the event loop alive) and releases the PGlite lock.
  process.once('sveltekit:shutdown', () => void stopServer());
};
