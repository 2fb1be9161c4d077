#!/usr/bin/env node
// `atelier-mcp`: MCP over stdio from the build of mcp/stdio.ts (scripts/build-mcp.js), started from any folder.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/mcp/atelier-mcp.js', import.meta.url);
if (!existsSync(built)) {
  const install = dirname(dirname(fileURLToPath(import.meta.url)));
  console.error(`Atelier MCP server could not start: it is not built; run npm run build in ${install}.`);
  process.exit(1);
}
// Node >= 22.1 keeps the compiled modules on disk, so later launches skip compiling them (Node 20 has no such cache).
module.enableCompileCache?.();
await import(built.href);
