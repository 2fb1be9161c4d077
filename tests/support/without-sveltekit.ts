import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Node's arguments that run a TypeScript entry (`mcp/stdio.ts`, `src/cli/atelier.ts`) and fail it if it loads SvelteKit. */
export const NODE_WITHOUT_SVELTEKIT = [
  '--import',
  'tsx',
  '--import',
  fileURLToPath(new URL('refuse-sveltekit.mjs', import.meta.url))
];
