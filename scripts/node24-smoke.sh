#!/usr/bin/env bash
# Builds the app and runs tests/smoke/node24.ts (REST, tRPC, MCP stdio against the built server) on
# Node 24, taken from the npm registry's `node` package into a cache folder outside the repository.
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
npx vite build --logLevel warn
node --import tsx tests/smoke/node24.ts "$major"
