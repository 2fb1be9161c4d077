#!/usr/bin/env node
// `atelier-mcp`: MCP over stdio from the build of mcp/stdio.ts (scripts/build-mcp.js), started from any folder.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/mcp/atelier-mcp.js', import.meta.url);
if (!existsSync(built)) {
  const install = dirname(dirname(fileURLToPath(import.meta.url)));
  console.error(`Atelier MCP server could not start: it is not built; run npm run build in ${install}.`);
  process.exit(1);
}
await import(built.href);
