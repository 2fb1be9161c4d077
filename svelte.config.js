import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    files: { routes: 'routes' },
    alias: { $mcp: 'mcp' },
    typescript: {
      config(tsconfig) {
        tsconfig.include.push(
          '../mcp/**/*.ts',
          '../tests/**/*.ts',
          '../bench/**/*.ts',
          '../scripts/**/*.ts',
          '../vite.config.ts',
          '../drizzle.config.ts'
        );
        return tsconfig;
      }
    }
  }
};

export default config;
