// `npm start`: serve the built studio, building it first when the build is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { withDefaultBodySizeLimit } from './body-size-limit.js';
import { buildMcpIfOutdated } from './build-mcp.js';
import { mtimeOrZero, newestMtime } from './newest-mtime.js';

/** Build output a person starting the studio does not need; everything else the build prints is kept. */
const BUILD_NOISE = [
  // adapter-node bundles kysely (better-auth's query builder), whose modules import each other in circles: harmless.
  /^Circular dependency: node_modules\/kysely\//,
  // better-auth loads OpenTelemetry only when it is installed; adapter-node warns that it is not.
  /^"@opentelemetry\/api" is imported by "node_modules\/@better-auth\//,
  // adapter-node's env entry is empty when the app reads its settings elsewhere (config.ts).
  /^Generated an empty chunk: "chunks\/env\.js"\.$/,
  // SvelteKit's hint after every build; `npm start` serves the build itself.
  /^Run npm run preview to preview your production build locally\.$/
];

function printWithoutNoise(text, stream) {
  const kept = text.split('\n').filter((line) => !BUILD_NOISE.some((noise) => noise.test(line)));
  const trimmed = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (trimmed) stream.write(`${trimmed}\n`);
}

const SOURCES = ['src', 'routes', 'mcp', 'static', 'drizzle', 'svelte.config.js', 'vite.config.ts', 'package.json'];

if (newestMtime(SOURCES) > mtimeOrZero('build/handler.js')) {
  console.log('Building the studio (first start or sources changed)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  printWithoutNoise(build.stdout ?? '', process.stdout);
  printWithoutNoise(build.stderr ?? '', process.stderr);
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// `atelier-mcp`, for agents on this machine, from the same sources.
await buildMcpIfOutdated();

const server = spawnSync(process.execPath, ['build'], { stdio: 'inherit', env: withDefaultBodySizeLimit(process.env) });
process.exit(server.status ?? 1);
