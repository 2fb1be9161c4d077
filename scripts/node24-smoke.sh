#!/usr/bin/env bash
# Builds the app and runs tests/smoke/node24.ts (REST, tRPC, the MCP Inspector CLI against the built server,
# the built `atelier-mcp` over stdio) on Node 24, taken from the npm registry's `node` package into a cache
# folder outside the repository, as is the Inspector (it needs Node >= 22.7.5, so it cannot be a devDependency
# that Node 20's `npm ci` installs).
set -euo pipefail
cd "$(dirname "$0")/.."
major=24
prefix="${XDG_CACHE_HOME:-$HOME/.cache}/atelier-node$major"
node_bin="$prefix/node_modules/.bin"
if ! "$node_bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "node@$major"
fi
if ! "$node_bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  echo "Node $major did not install from the npm registry's node package into $prefix." >&2
  exit 1
fi
export PATH="$node_bin:$PATH"
# Pinned: 0.22.0's `mcp-inspector --cli` is the classic one-shot CLI this smoke drives.
inspector_version=0.22.0
inspector_prefix="${XDG_CACHE_HOME:-$HOME/.cache}/atelier-mcp-inspector-$inspector_version"
export MCP_INSPECTOR="$inspector_prefix/node_modules/.bin/mcp-inspector"
if [ ! -x "$MCP_INSPECTOR" ]; then
  npm install --prefix "$inspector_prefix" --no-audit --no-fund --loglevel=error \
    "@modelcontextprotocol/inspector@$inspector_version"
fi
npx vite build --logLevel warn
node scripts/build-mcp.js
node --import tsx tests/smoke/node24.ts "$major"
