// `atelier-mcp` (MCP over stdio) built to plain JS in dist/mcp/, so a launch runs neither tsx nor `svelte-kit
// sync`. Run by `npm run build`, `npm install` (postinstall), `npm start` and `npm run mcp`.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { mtimeOrZero, newestMtime } from './newest-mtime.js';

const root = (/** @type {string} */ path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const OUT_DIR = root('dist/mcp');
/** What `mcp/bin.js` (the package's `atelier-mcp` bin) loads. */
export const MCP_BUILT_ENTRY = root('dist/mcp/atelier-mcp.js');
const SOURCES = ['mcp', 'src/lib/server', 'package.json', 'scripts/build-mcp.js'].map(root);

/**
 * Rolldown rather than esbuild: its chunks hold only the code an entry uses after tree-shaking, so the start-up
 * chunk stays free of what `mcp/stdio.ts` imports lazily (database drivers, auth, providers, sharp), while
 * esbuild's splitting put those in chunks the entry loads. The worker tasks are entries of their own: a worker
 * loads its task file and must not load, through a shared chunk, the entry that starts the server.
 */
export async function buildMcp() {
  await rm(OUT_DIR, { recursive: true, force: true });
  const bundle = await rolldown({
    input: {
      'atelier-mcp': root('mcp/stdio.ts'),
      'workers/render-task': root('src/lib/server/providers/local/render-task.ts'),
      'workers/upscale-task': root('src/lib/server/providers/local/upscale-task.ts')
    },
    platform: 'node',
    // Packages stay in node_modules, loaded as installed (native sharp, PGlite's wasm, model files).
    external: (id) => !/^[./$]/.test(id),
    resolve: { alias: { $lib: root('src/lib'), $mcp: root('mcp') } },
    // The aliases above replace SvelteKit's generated tsconfig, so the build needs no `svelte-kit sync`.
    tsconfig: false,
    // None of our modules is imported for its side effects, so one whose exports go unused is left out, and so is
    // what only it imports (the start-up chunk takes schemas from the API's index, not the routers behind it).
    treeshake: { moduleSideEffects: (_id, external) => external },
    logLevel: 'warn'
  });
  await bundle.write({ dir: OUT_DIR, format: 'esm', chunkFileNames: 'chunks/[name]-[hash].js' });
  await bundle.close();
}

/** Builds unless the build is newer than every source it is made from; says so on stderr (stdout may be MCP's). */
export async function buildMcpIfOutdated() {
  if (newestMtime(SOURCES) <= mtimeOrZero(MCP_BUILT_ENTRY)) return;
  console.error('Building atelier-mcp (first start or sources changed)…');
  await buildMcp();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildMcp();
