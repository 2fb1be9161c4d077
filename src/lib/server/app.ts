import { randomUUID } from 'node:crypto';
import type { ApiContext } from './api/context';
import { loadConfig } from './config';
import { checkAssistantModels, refreshCatalogs } from './providers/configured';
import { bootstrapAdmin, findStdioUser, offerFirstRunSetup } from './services/accounts';
import { createDeps, type OwnedDeps } from './services/deps';
import { withHousekeeping } from './services/housekeeping';
import { installBuiltIns } from './services/presets';

let state: Promise<OwnedDeps> | undefined;

/** The process-wide dependencies, built once (config parsed, database opened and migrated, headless admin created). */
export function startServer(): Promise<OwnedDeps> {
  state ??= (async () => {
    const deps = withHousekeeping(await createDeps(loadConfig()));
    await bootstrapAdmin(deps);
    await installBuiltIns(deps);
    // In the background: the studio serves at once with the built-in catalog.
    void refreshCatalogs(deps.providers.list(), deps.log);
    void checkAssistantModels(deps.assistant, deps.log);
    return deps;
  })();
  return state;
}

/** The HTTP server's start: on an instance without an admin, it also logs a fresh one-time setup link. */
export async function startHttpServer(): Promise<void> {
  await offerFirstRunSetup(await startServer());
}

/** Closes what `startServer` opened; a start that failed has nothing to close (its caller got the error). */
export async function stopServer(): Promise<void> {
  const current = state;
  state = undefined;
  const deps = await current?.catch(() => undefined);
  await deps?.close();
}

/**
 * The context of a local process the OS already trusts: MCP over stdio acts as `ATELIER_USER` (default: the
 * first admin), the CLI as the account it names.
 */
export async function createStdioContext(options: { userEmail?: string } = {}): Promise<ApiContext> {
  const deps = await startServer();
  return {
    deps,
    user: await findStdioUser(deps, options.userEmail),
    authMethod: 'stdio',
    requestId: randomUUID(),
    ipAddress: null,
    responseHeaders: new Headers()
  };
}
