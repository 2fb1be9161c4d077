import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Config } from '../config';

/**
 * The secret that signs session cookies: `ATELIER_AUTH_SECRET`, or one generated on first start and kept
 * (mode 0600) beside the embedded database so sessions survive restarts. Several instances sharing one
 * database must set `ATELIER_AUTH_SECRET` to the same value.
 */
export async function resolveAuthSecret(auth: Config['auth']): Promise<string> {
  if (auth.secret) return auth.secret;
  try {
    return (await readFile(auth.secretFile, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dirname(auth.secretFile), { recursive: true });
  // `wx` fails if another process created the file first; then theirs is the one to use.
  await writeFile(auth.secretFile, secret, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(auth.secretFile, 'utf8')).trim();
}
