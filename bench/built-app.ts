import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'routes', 'mcp'];

function newestChangeUnder(folder: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).reduce(
    (newest, path) => Math.max(newest, statSync(join(folder, path)).mtimeMs),
    0
  );
}

/**
 * Builds the app (`vite build`) unless `build/` is there and newer than every source file; the benches that
 * start `node build` need it, and a stale build would measure old code.
 */
export function ensureBuiltApp(): void {
  const built = existsSync('build/handler.js') ? statSync('build/handler.js').mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestChangeUnder))) return;
  // The build's output goes to stderr: a bench's stdout is its JSON.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: ['ignore', process.stderr, 'inherit']
  });
  if (build.status !== 0) throw new Error('vite build failed');
}
