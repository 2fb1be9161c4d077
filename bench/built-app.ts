import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Builds the app (`vite build`) unless `build/` is already there; the benches that start `node build` need it. */
export function ensureBuiltApp(): void {
  if (existsSync('build/handler.js')) return;
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
}
