import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // The port `npm start` uses (PORT's default): without PUBLIC_URL only the listening address is a trusted origin.
  server: { port: 3000, strictPort: true },
  preview: { port: 3000, strictPort: true },
  build: {
    // The per-plugin timing report of every build is for whoever tunes the build, not for `npm start`.
    rolldownOptions: { checks: { bundlerTimings: false } }
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'mcp/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/postgres/**', 'tests/redis/**', 'src/**/*.redis.test.ts'],
          globalSetup: ['tests/support/pglite-snapshot.setup.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/**/*.integration.test.ts', 'tests/postgres/**/*.test.ts'],
          env: { ATELIER_TEST_DB: 'neon' },
          globalSetup: ['tests/support/postgres.setup.ts'],
          fileParallelism: false
        }
      },
      {
        extends: true,
        test: {
          name: 'redis',
          include: ['src/**/*.redis.test.ts', 'tests/redis/**/*.test.ts'],
          // The procedure-level suites also need a database: the same PGlite snapshot as 'unit'.
          globalSetup: ['tests/support/redis.setup.ts', 'tests/support/pglite-snapshot.setup.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/built-server.setup.ts'],
          fileParallelism: false
        }
      }
    ]
  }
});
