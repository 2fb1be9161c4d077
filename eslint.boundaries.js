/**
 * DESIGN.md's "Layout" table as eslint-plugin-boundaries settings: which folder may import which, so a
 * back-edge (services → api, images → db, a component → server code …) fails `npm run lint`.
 * The first element whose pattern matches a file is its layer; imports inside one layer are free.
 */
const server = (path) => `src/lib/server/${path}`;

const LAYERS = [
  // Tests, benchmarks and scripts may import anything.
  { type: 'test', pattern: ['tests/**', 'bench/**', 'scripts/**', '**/*.test.ts', '**/__fixtures__/**'] },
  { type: 'routes', pattern: ['routes/**', 'src/hooks.server.ts'] },
  // Processes that start without SvelteKit: MCP over stdio and the CLI.
  { type: 'entry', pattern: ['mcp/stdio.ts', 'src/cli/**'] },
  { type: 'mcp', pattern: 'mcp/**' },
  { type: 'http', pattern: server('http/**') },
  { type: 'app', pattern: server('app.ts') },
  { type: 'api', pattern: server('api/**') },
  { type: 'services', pattern: server('services/**') },
  { type: 'providers', pattern: server('providers/**') },
  { type: 'images', pattern: server('images/**') },
  { type: 'storage', pattern: server('storage/**') },
  { type: 'limits', pattern: server('limits/**') },
  // The tables' vocabulary (scopes, roles, policies): the procedures' zod enums are built from it.
  { type: 'schema', pattern: server('db/schema/**') },
  { type: 'db', pattern: server('db/**') },
  // Read by every server layer: the parsed configuration, the error shape, the logger, where Atelier is installed.
  { type: 'shared', pattern: server('{config,errors,log,install-root}.ts') },
  { type: 'components', pattern: 'src/lib/components/**' },
  { type: 'client', pattern: 'src/lib/client/**' }
].map((layer) => ({ ...layer, mode: 'full' }));

/** What each layer may import besides itself (DESIGN.md: dependencies point down the picture). */
const MAY_IMPORT = {
  routes: ['http', 'app', 'api', 'mcp', 'shared', 'components', 'client'],
  entry: ['app', 'api', 'mcp', 'shared'],
  mcp: ['api'],
  http: ['app', 'api', 'services', 'shared'],
  app: ['api', 'services', 'providers', 'shared'],
  api: ['services', 'schema', 'shared'],
  services: ['providers', 'images', 'storage', 'limits', 'db', 'schema', 'shared'],
  // The schema's vocabulary only: an assistant's analysis is stored as the adapter returns it (ImageAnalysis).
  providers: ['images', 'schema', 'shared'],
  images: ['shared'],
  storage: ['shared'],
  limits: ['shared'],
  db: ['schema', 'shared'],
  schema: [],
  shared: [],
  components: ['client'],
  client: []
};

export const boundariesSettings = {
  'boundaries/elements': LAYERS,
  'import/resolver': { typescript: { alwaysTryTypes: true } }
};

/** SvelteKit runs only behind HTTP (routes, http/): what MCP over stdio and the CLI load must work without it. */
export const withoutSvelteKit = {
  files: ['mcp/**', 'src/cli/**', 'src/lib/server/*.ts', 'src/lib/server/!(http)/**'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*', '$env/*'],
            message:
              'SvelteKit is for routes/ and src/lib/server/http/ only: MCP over stdio and the CLI run without it.'
          }
        ]
      }
    ]
  }
};

export const boundariesRules = {
  'boundaries/dependencies': [
    'error',
    {
      default: 'disallow',
      rules: [
        { from: { type: 'test' }, allow: { to: { type: '*' } } },
        ...Object.entries(MAY_IMPORT).map(([layer, below]) => ({
          from: { type: layer },
          allow: { to: { type: [layer, ...below] } }
        })),
        // The browser client knows the API only by its type (AppRouter), never its code.
        { from: { type: 'client' }, allow: { to: { type: 'api' }, dependency: { kind: 'type' } } },
        // Known exception: the configuration names each provider's settings type.
        { from: { type: 'shared' }, allow: { to: { type: 'providers' }, dependency: { kind: 'type' } } }
      ]
    }
  ]
};
