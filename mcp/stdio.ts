import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createCaller, linkBaseUrl } from '../src/lib/server/api';
import { createStdioContext, stopServer } from '../src/lib/server/app';
import { createMcpServer } from './server';

/**
 * `npm run mcp`: Atelier over stdio for a local agent, acting as `ATELIER_USER` (default: the first admin). stdout carries only the protocol, so every
 * message of ours goes to stderr. The database is closed when the client hangs up, so a PGlite data
 * dir is left clean and unlocked.
 */
async function main(): Promise<void> {
  const ctx = await createStdioContext();
  const server = createMcpServer((options) => createCaller(ctx, options), { publicUrl: linkBaseUrl(ctx.deps.config) });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= server
      .close()
      .then(stopServer)
      .then(() => process.exit(0));
    return stopping;
  };
  process.stdin.once('end', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await server.connect(new StdioServerTransport());
  console.error('Atelier MCP server is ready on stdio.');
}

main().catch((error: unknown) => {
  console.error(`Atelier MCP server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
