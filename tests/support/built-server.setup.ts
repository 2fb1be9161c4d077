import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startBuiltServer } from './built-server';
import { createApiKeyOverHttp, raiseDefaultLimits, signIn } from './e2e-auth';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    /** An API key of the server's admin with every scope, for REST, tRPC and MCP suites. */
    apiKey: string;
  }
}

/** Builds the app once (as `npm start` would serve it) and runs it on a free port with a fresh data dir. */
export default async function setup(project: TestProject) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed; the end-to-end suite needs a built app.');

  const server = await startBuiltServer();
  project.provide('serverUrl', server.url);
  const apiKey = await createApiKeyOverHttp(server.url, await signIn(server.url), ['read', 'generate', 'admin']);
  // The suites generate far more than a person would in a minute; the rate-limit suite sets its own user's limit.
  await raiseDefaultLimits(server.url, apiKey);
  project.provide('apiKey', apiKey);
  return server.stop;
}
