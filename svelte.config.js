import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    files: { routes: 'routes' },
    alias: { $mcp: 'mcp', $tests: 'tests' },
    // Kit's check refuses every cross-site form-encoded POST, also a program's multipart upload with an API
    // key; src/hooks.server.ts makes the same check and lets requests with an Authorization header through.
    csrf: { trustedOrigins: ['*'] },
    // Kit writes this header on every page, with a nonce for its own inline script. It is fixed at build
    // time: the image CDN (IMAGE_CDN_URL, a run-time setting) joins img-src in src/hooks.server.ts.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // Components set style="" attributes (sizes, colours); they carry no script.
        'style-src-attr': ['unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none']
      }
    },
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
