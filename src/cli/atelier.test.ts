import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_WITHOUT_SVELTEKIT, REPO_ROOT } from '$tests/support/without-sveltekit';

const ADMIN_EMAIL = 'cli-admin@example.com';
// Each run transpiles the server with tsx and opens PGlite: slow on a shared machine.
const RUN_TIMEOUT_MS = 180_000;

let dataDir: string;

/** `npm run atelier -- …args` without npm, refusing SvelteKit; `code` is the exit status. */
async function atelier(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ATELIER_ADMIN_EMAIL: ADMIN_EMAIL,
    ATELIER_ADMIN_PASSWORD: 'cli-admin-password'
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [...NODE_WITHOUT_SVELTEKIT, 'src/cli/atelier.ts', ...args],
      { cwd: REPO_ROOT, env }
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-cli-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run atelier', () => {
  it(
    'should create, list and revoke an API key for the account it names',
    async () => {
      const created = await atelier('keys', 'create', '--user', ADMIN_EMAIL, '--name', 'laptop', '--scopes', 'read');
      expect(created, created.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^atk_\S+\n$/) });
      expect(created.stderr).toContain(`(read) for ${ADMIN_EMAIL}`);

      const listed = await atelier('keys', 'list', '--user', ADMIN_EMAIL);
      const [id, prefix, name, scopes, state] = listed.stdout.trim().split(/\s{2}/);
      expect({ name, scopes, state }).toStrictEqual({ name: 'laptop', scopes: '[read]', state: 'last used never' });
      expect(created.stdout.startsWith(prefix!.replace('…', ''))).toBe(true);

      const revoked = await atelier('keys', 'revoke', '--user', ADMIN_EMAIL, '--id', id!);
      expect(revoked, revoked.stderr).toMatchObject({ code: 0, stderr: expect.stringContaining('Revoked') });
    },
    3 * RUN_TIMEOUT_MS
  );

  it(
    'should refuse an unknown account and an unknown scope, saying which',
    async () => {
      const unknownUser = await atelier('keys', 'list', '--user', 'nobody@example.com');
      expect(unknownUser).toMatchObject({ code: 1, stderr: 'nobody@example.com is not an active Atelier account.\n' });

      const unknownScope = await atelier('keys', 'create', '--user', ADMIN_EMAIL, '--scopes', 'read,paint');
      expect(unknownScope).toMatchObject({ code: 1, stderr: expect.stringContaining('scopes.1') });
    },
    2 * RUN_TIMEOUT_MS
  );
});
