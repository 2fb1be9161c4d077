import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startUpstashRestShim, type UpstashRestShim } from '../../scripts/upstash-rest-shim';

const REDIS_SCRIPT = fileURLToPath(new URL('../../scripts/redis.sh', import.meta.url));

function startRedis(port: number): void {
  const run = spawnSync('bash', [REDIS_SCRIPT], {
    env: { ...process.env, REDIS_PORT: String(port) },
    encoding: 'utf8'
  });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(run.stderr.trim() || `scripts/redis.sh exited with ${run.status}`);
}

/**
 * The throwaway Redis of scripts/redis.sh (port `REDIS_PORT`, default 63790) behind a new Upstash REST shim
 * with a random token: what `@upstash/redis` needs to run against a real Redis here.
 */
export async function startLocalUpstash(): Promise<UpstashRestShim> {
  const redisPort = Number(process.env.REDIS_PORT ?? 63790);
  startRedis(redisPort);
  return startUpstashRestShim({ redisPort, token: randomBytes(24).toString('base64url') });
}
