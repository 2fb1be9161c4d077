import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { createDeps, type OwnedDeps } from '../services/deps';
import { ensureLocalUser, type Actor } from '../services/users';
import type { ApiContext } from './context';
import { createCaller, type ApiCaller } from './root';

type ServerState = { deps: OwnedDeps; localUser: Actor };

let state: Promise<ServerState> | undefined;

/** The process-wide dependencies, built once (config parsed, database opened and migrated). */
export function startServer(): Promise<ServerState> {
  state ??= (async () => {
    const deps = await createDeps(loadConfig());
    return { deps, localUser: await ensureLocalUser(deps) };
  })();
  return state;
}

export async function stopServer(): Promise<void> {
  const current = state;
  state = undefined;
  if (current) await (await current).deps.close();
}

/** The context of one request. Until accounts exist every caller acts as the local user. */
export async function createRequestContext(): Promise<ApiContext> {
  const { deps, localUser } = await startServer();
  return { deps, user: localUser, requestId: randomUUID() };
}

/** A caller of every procedure, for doors living in this process (REST, MCP). */
export async function createServerCaller(): Promise<ApiCaller> {
  return createCaller(await createRequestContext());
}
