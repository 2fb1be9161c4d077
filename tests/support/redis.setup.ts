import type { TestProject } from 'vitest/node';
import type { UpstashRestShim } from '../../scripts/upstash-rest-shim';
import { startLocalUpstash } from './local-upstash';

export type RedisTestServer =
  | {
      available: true;
      /** Base URL of the Upstash REST shim in front of the throwaway Redis. */
      restUrl: string;
      token: string;
    }
  | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    redis: RedisTestServer;
  }
}

function warnLoudly(reason: string): void {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n  Redis is unavailable, so the 'redis' project's suites are SKIPPED.\n  ${reason}\n` +
      `  On CI (CI=true) this fails the run instead.\n${bar}\n`
  );
}

/**
 * Starts the throwaway Redis (scripts/redis.sh) and the Upstash REST shim in front of it. On CI a
 * missing Redis fails the run; elsewhere the suites skip.
 */
export default async function setup(project: TestProject) {
  let shim: UpstashRestShim;
  try {
    shim = await startLocalUpstash();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') throw new Error(`Redis is required on CI: ${reason}`, { cause: error });
    warnLoudly(reason);
    project.provide('redis', { available: false, reason });
    return;
  }

  project.provide('redis', { available: true, restUrl: shim.url, token: shim.token });
  return () => shim.close();
}
