import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError, loadConfig } from '../src/lib/server/config';
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

async function main(): Promise<void> {
  loadConfig();
  // The database, auth and providers load while the client initializes; loaded lazily, they are kept out of
  // the start-up bundle, so `initialize` is answered at once and a tool call waits for them.
  const started = Promise.all([import('../src/lib/server/app'), import('../src/lib/server/api/root')]).then(
    async ([app, api]) => ({ app, api, ctx: await app.createStdioContext() })
  );
  started.catch(fail);
  const server = createMcpServer((options) =>
    deferredCaller(started.then(({ api, ctx }) => api.createCaller(ctx, options)))
  );
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= server
      .close()
      .then(() => started)
      .then(({ app }) => app.stopServer())
      .then(() => process.exit(0));
    return stopping;
  };
  process.stdin.once('end', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await server.connect(new StdioServerTransport());
  await started;
  console.error('Atelier MCP server is ready on stdio.');
}

main().catch(fail);
