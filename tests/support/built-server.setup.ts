import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startBuiltServer } from './built-server';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
  }
}

/** Builds the app once (as `npm start` would serve it) and runs it on a free port with a fresh data dir. */
export default async function setup(project: TestProject) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed; the end-to-end suite needs a built app.');

  const server = await startBuiltServer();
  project.provide('serverUrl', server.url);
  return server.stop;
}
