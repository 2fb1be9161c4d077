// Loaded with `--import` after tsx, so its resolve hook sees each specifier before tsx maps it: importing
// SvelteKit (`@sveltejs/kit` is a devDependency) or one of its aliases (which need `svelte-kit sync`) throws.
import { register } from 'node:module';

const hooks = `
const SVELTEKIT = /^(@sveltejs\\/kit|\\$app\\/|\\$env\\/|\\$lib\\/|\\$mcp\\/)/;
export async function resolve(specifier, context, next) {
  if (SVELTEKIT.test(specifier)) throw new Error(\`\${specifier} needs SvelteKit (imported by \${context.parentURL}).\`);
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
