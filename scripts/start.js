// `npm start`: serve the built studio, building it first when the build is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'routes', 'mcp', 'static', 'drizzle', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs);
}

const builtAt = existsSync('build/handler.js') ? statSync('build/handler.js').mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.filter((path) => existsSync(path)).map(newestMtime));
if (sourcesAt > builtAt) {
  console.log('Building the studio (first start or sources changed)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawnSync(process.execPath, ['build'], { stdio: 'inherit' });
process.exit(server.status ?? 1);
