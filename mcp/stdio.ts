import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError, linkBaseUrl, loadConfig } from '../src/lib/server/config';
import { deferredCaller } from './deferred-caller';
import { createMcpServer } from './server';

/**
 * `atelier-mcp` (`npm run mcp`): Atelier over stdio for a local agent, acting as `ATELIER_USER` (default: the
 * first admin). stdout carries only the protocol, so every message of ours goes to stderr. The database is
 * closed when the client hangs up, so a PGlite data dir is left clean and unlocked.
 */

/** One line on stderr, which clients show in their MCP log, and a failed exit: "Connection closed" alone says nothing. */
function fail(error: unknown): never {
  const reason =
    error instanceof ConfigError
      ? `invalid configuration: ${error.issues.join('; ')}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`Atelier MCP server could not start: ${reason}`);
  process.exit(1);
}

/** What a tool call needs: the database, auth and providers, loaded lazily so the start-up bundle is small. */
async function load() {
  const [app, api] = await Promise.all([import('../src/lib/server/app'), import('../src/lib/server/api/root')]);
  const ctx = await app.createStdioContext();
  console.error('Atelier MCP server is ready on stdio.');
  return { app, api, ctx };
}

async function main(): Promise<void> {
  const config = loadConfig();
  let loading: ReturnType<typeof load> | undefined;
  // Once the client has its `initialize` answer (or at an earlier tool call): loading the API takes the event
  // loop for a few hundred milliseconds, which that answer must not wait for.
  const loaded = () => (loading ??= load().catch(fail));
  const server = createMcpServer(
    (options) => deferredCaller(() => loaded().then(({ api, ctx }) => api.createCaller(ctx, options))),
    // Every role may read and generate; no tool needs more.
    { scopes: ['read', 'generate'], publicUrl: linkBaseUrl(config) }
  );
  server.server.oninitialized = () => void loaded();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all([server.close(), loading?.then(({ app }) => app.stopServer())]).then(() =>
      process.exit(0)
    );
    return stopping;
  };
  process.stdin.once('end', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await server.connect(new StdioServerTransport());
}

main().catch(fail);
