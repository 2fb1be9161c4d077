import { parseArgs } from 'node:util';
import { createCaller, toErrorBody, ZCreateKeyInput, type ApiCaller } from '../lib/server/api';
import { createStdioContext, stopServer } from '../lib/server/app';

const USAGE = `Usage: npm run atelier -- <command> [options]

  keys create --user EMAIL [--scopes read,generate] [--name NAME]
      Prints a new API key for EMAIL on stdout (shown once; only its hash is stored).
  keys list --user EMAIL
  keys revoke --user EMAIL --id KEY_ID

Reads the same environment as the server (DATABASE_URL, DATA_DIR, …). With the embedded
database (PGlite) only one process may open it: stop the server first, or use the studio.`;

class UsageError extends Error {}

/** The procedures as the account EMAIL: the CLI is a local process, trusted like MCP over stdio. */
async function callerAs(email: string | undefined): Promise<{ api: ApiCaller; email: string }> {
  if (!email) throw new UsageError('--user EMAIL is required.');
  return { api: createCaller(await createStdioContext({ userEmail: email })), email };
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
  switch (command) {
    case 'keys create': {
      const { api, email } = await callerAs(values.user);
      const scopes = values.scopes.split(',').map((scope) => scope.trim());
      const { key, secret } = await api.keys.create(ZCreateKeyInput.parse({ name: values.name ?? 'CLI key', scopes }));
      console.error(`Created API key ${key.prefix}… (${key.scopes.join(', ')}) for ${email}; it is shown only now:`);
      console.log(secret);
      return;
    }
    case 'keys list': {
      const { api } = await callerAs(values.user);
      const keys = await api.keys.list();
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : `last used ${key.lastUsedAt ?? 'never'}`;
        console.log(`${key.id}  ${key.prefix}…  ${key.name}  [${key.scopes.join(',')}]  ${state}`);
      }
      if (!keys.length) console.error('No API keys yet.');
      return;
    }
    case 'keys revoke': {
      if (!values.id) throw new UsageError('--id KEY_ID is required (see `keys list`).');
      const { api } = await callerAs(values.user);
      const key = await api.keys.revoke({ id: values.id });
      console.error(`Revoked ${key.prefix}… (${key.name}).`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

/** What went wrong in words; an unexpected failure keeps its stack, for whoever runs the CLI. */
function describeFailure(error: unknown): unknown {
  if (error instanceof UsageError) return error.message;
  const body = toErrorBody(error);
  return body.kind === 'internal' ? error : body.message;
}

run(process.argv.slice(2))
  .then(() => stopServer())
  .catch(async (error: unknown) => {
    console.error(describeFailure(error));
    await stopServer();
    process.exit(1);
  });
