import { parseArgs } from 'node:util';
import { API_KEY_SCOPES, type ApiKeyScope } from '$lib/server/db/schema';
import { isAppError } from '$lib/server/errors';
import { startServer, stopServer } from '$lib/server/app';
import { createApiKey, listApiKeys, revokeApiKey } from '$lib/server/services/api-keys';
import { findUserByEmail, loadActor, type Actor } from '$lib/server/services/users';

const USAGE = `Usage: npm run atelier -- <command> [options]

  keys create --user EMAIL [--scopes read,generate] [--name NAME]
      Prints a new API key for EMAIL on stdout (shown once; only its hash is stored).
  keys list --user EMAIL
  keys revoke --user EMAIL --id KEY_ID

Reads the same environment as the server (DATABASE_URL, DATA_DIR, …). With the embedded
database (PGlite) only one process may open it: stop the server first, or use the studio.`;

class UsageError extends Error {}

function parseScopes(raw: string): ApiKeyScope[] {
  const scopes = raw.split(',').map((scope) => scope.trim());
  const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown.length) throw new UsageError(`Unknown scope ${unknown.join(', ')}; use ${API_KEY_SCOPES.join(', ')}.`);
  return scopes as ApiKeyScope[];
}

async function actorByEmail(email: string | undefined): Promise<Actor> {
  if (!email) throw new UsageError('--user EMAIL is required.');
  const deps = await startServer();
  const row = await findUserByEmail(deps, email);
  const actor = row && (await loadActor(deps, row.id));
  if (!actor) throw new UsageError(`${email} is not an active Atelier account.`);
  return actor;
}

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      scopes: { type: 'string', default: 'read,generate' },
      name: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  });
  const command = positionals.join(' ');
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const deps = await startServer();
  switch (command) {
    case 'keys create': {
      const actor = await actorByEmail(values.user);
      const scopes = parseScopes(values.scopes);
      const { key, secret } = await createApiKey(deps, actor, { name: values.name ?? 'CLI key', scopes });
      console.error(
        `Created API key ${key.prefix}… (${key.scopes.join(', ')}) for ${actor.email}; it is shown only now:`
      );
      console.log(secret);
      return;
    }
    case 'keys list': {
      const keys = await listApiKeys(deps, await actorByEmail(values.user));
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : `last used ${key.lastUsedAt ?? 'never'}`;
        console.log(`${key.id}  ${key.prefix}…  ${key.name}  [${key.scopes.join(',')}]  ${state}`);
      }
      if (!keys.length) console.error('No API keys yet.');
      return;
    }
    case 'keys revoke': {
      if (!values.id) throw new UsageError('--id KEY_ID is required (see `keys list`).');
      const key = await revokeApiKey(deps, await actorByEmail(values.user), values.id);
      console.error(`Revoked ${key.prefix}… (${key.name}).`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

run(process.argv.slice(2))
  .then(() => stopServer())
  .catch(async (error: unknown) => {
    console.error(error instanceof UsageError || isAppError(error) ? error.message : error);
    await stopServer();
    process.exit(1);
  });
