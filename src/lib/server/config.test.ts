import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe(parseConfig.name, () => {
  it('should run on embedded defaults when nothing is set', () => {
    const sut = parseConfig({});
    expect(sut.database).toStrictEqual({ kind: 'pglite', dataDir: join(REPO_ROOT, '.data/pglite') });
    expect(sut.storage).toStrictEqual({ kind: 'fs', root: join(REPO_ROOT, '.data/images'), publicBaseUrl: '/files' });
    expect(sut.providers).toStrictEqual({});
    expect(sut.port).toBe(3000);
    expect(sut.upstash).toBeUndefined();
  });

  it('should take relative data paths from the install folder and absolute ones as given', () => {
    const sut = parseConfig({ DATA_DIR: 'state', IMAGE_STORAGE_PATH: '/srv/atelier-images' });
    expect(sut.database).toStrictEqual({ kind: 'pglite', dataDir: join(REPO_ROOT, 'state/pglite') });
    expect(sut.storage.root).toBe('/srv/atelier-images');
    expect(sut.auth.secretFile).toBe(join(REPO_ROOT, 'state/auth-secret'));
    expect(parseConfig({ DATA_DIR: '/var/lib/atelier' }).nsfwModelDirectory).toBe('/var/lib/atelier/models/nsfwjs');
  });

  it('should trust PUBLIC_URL and ORIGIN, else only the listening address, and a proxy only when told', () => {
    expect(parseConfig({}).auth.origins).toStrictEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000'
    ]);
    expect(parseConfig({ HOST: '192.168.1.5', PORT: '8080' }).auth.origins[0]).toBe('http://192.168.1.5:8080');
    expect(
      parseConfig({ PUBLIC_URL: 'https://a.example/studio/', ORIGIN: 'https://b.example' }).auth.origins
    ).toStrictEqual(['https://a.example', 'https://b.example']);
    expect([parseConfig({}).auth.trustProxy, parseConfig({ TRUST_PROXY: 'true' }).auth.trustProxy]).toStrictEqual([
      false,
      true
    ]);
    expect(() => parseConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY: must be true or false/);
  });

  it('should allow every origin on /mcp by default, or only the listed ones, refusing anything but origins', () => {
    expect(parseConfig({}).mcpCorsOrigins).toBe('*');
    expect(
      parseConfig({ MCP_CORS_ORIGINS: 'http://localhost:6274/, https://inspector.example.com' }).mcpCorsOrigins
    ).toStrictEqual(['http://localhost:6274', 'https://inspector.example.com']);
    expect(() => parseConfig({ MCP_CORS_ORIGINS: 'inspector' })).toThrow(/MCP_CORS_ORIGINS/);
  });

  it('should pick the Neon driver for Neon hosts and node-postgres for other URLs', () => {
    expect(parseConfig({ DATABASE_URL: 'postgresql://u:p@ep-cool-1.us-east-2.aws.neon.tech/db' }).database.kind).toBe(
      'neon'
    );
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).database.kind).toBe('postgres');
  });

  it('should prefix image URLs with IMAGE_CDN_URL without a doubled slash', () => {
    const sut = parseConfig({ IMAGE_CDN_URL: 'https://cdn.example.com/atelier/', IMAGE_STORAGE_PATH: '/srv/images' });
    expect(sut.storage).toStrictEqual({
      kind: 'fs',
      root: '/srv/images',
      publicBaseUrl: 'https://cdn.example.com/atelier'
    });
  });

  it('should know the scheme of requests only when ORIGIN or PROTOCOL_HEADER tells adapter-node', () => {
    expect(parseConfig({}).requestSchemeKnown).toBe(false);
    expect(parseConfig({ ORIGIN: 'https://studio.example.com' }).requestSchemeKnown).toBe(true);
    expect(parseConfig({ PROTOCOL_HEADER: 'x-forwarded-proto' }).requestSchemeKnown).toBe(true);
  });

  it('should pass provider keys, organisation and base URL overrides through', () => {
    const sut = parseConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_ORG_ID: 'org-1',
      OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1',
      REPLICATE_API_TOKEN: 'r8_x'
    });
    expect(sut.providers.openai).toMatchObject({
      apiKey: 'sk-test',
      organization: 'org-1',
      baseUrl: 'http://127.0.0.1:9999/v1'
    });
    expect(sut.providers.replicate).toMatchObject({ apiToken: 'r8_x', baseUrl: undefined });
    expect(sut.providers.replicate?.webhook).toBeUndefined();
    expect(sut.providers.stability).toBeUndefined();
  });

  it('should configure Claude only with a key, with default models, timeout and price overrides', () => {
    expect(parseConfig({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999' }).providers.anthropic).toBeUndefined();
    expect(parseConfig({ ANTHROPIC_API_KEY: 'sk-ant-test' }).providers.anthropic).toStrictEqual({
      apiKey: 'sk-ant-test',
      baseUrl: undefined,
      models: { enhance: 'claude-haiku-4-5', analyze: 'claude-sonnet-4-6' },
      prices: {},
      timeoutMs: 60_000,
      maxRetries: 2,
      maxRetryDelayMs: 20_000
    });
    const sut = parseConfig({
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_ANALYZE_MODEL: 'claude-sonnet-5',
      ANTHROPIC_TIMEOUT_MS: '5000',
      ANTHROPIC_PRICES: '{"claude-sonnet-5":{"input":2,"output":10}}'
    }).providers.anthropic;
    expect(sut).toMatchObject({
      models: { analyze: 'claude-sonnet-5' },
      prices: { 'claude-sonnet-5': { input: 2, output: 10 } },
      timeoutMs: 5000
    });
    expect(() => parseConfig({ ANTHROPIC_PRICES: '{not json' })).toThrow(/ANTHROPIC_PRICES: must be JSON/);
    expect(() => parseConfig({ ANTHROPIC_PRICES: '{"claude-x":{"input":-1,"output":1}}' })).toThrow(/ANTHROPIC_PRICES/);
  });

  it('should moderate prompts with OpenAI when a key is set, unless OPENAI_MODERATION=false', () => {
    const moderation = (value?: string) =>
      parseConfig({ OPENAI_API_KEY: 'sk-test', ...(value !== undefined && { OPENAI_MODERATION: value }) }).providers
        .openai?.moderation;

    expect([moderation(), moderation(''), moderation('false'), moderation('true')]).toStrictEqual([
      true,
      true,
      false,
      true
    ]);
    expect(() => moderation('maybe')).toThrow(/OPENAI_MODERATION: must be true or false/);
  });

  it('should give each provider the shared timeouts unless its own overrides them', () => {
    const sut = parseConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_TIMEOUT_MS: '5000',
      STABILITY_API_KEY: 'sk-stab',
      PROVIDER_TIMEOUT_MS: '90000',
      PROVIDER_JOB_TIMEOUT_MS: '300000'
    });
    expect(sut.providers.openai?.calls.timeoutsMs).toStrictEqual({ generate: 5000, edit: 5000, job: 300000 });
    expect(sut.providers.stability?.calls.timeoutsMs).toStrictEqual({ generate: 90000, edit: 90000, job: 300000 });
  });

  it('should derive when work is stale and how often it is swept from OPERATION_TIMEOUT_MS', () => {
    expect(parseConfig({}).operations).toStrictEqual({
      timeoutMs: 600_000,
      staleAfterMs: 660_000,
      sweepEveryMs: 300_000
    });
    expect(parseConfig({ OPERATION_TIMEOUT_MS: '10000' }).operations).toStrictEqual({
      timeoutMs: 10_000,
      staleAfterMs: 11_000,
      sweepEveryMs: 5_500
    });
    expect(() => parseConfig({ OPERATION_TIMEOUT_MS: '500' })).toThrow(/OPERATION_TIMEOUT_MS/);
  });

  it('should list self-hosted OpenAI models and set the Replicate webhook only with a public URL and secret', () => {
    const secret = 'whsec_' + Buffer.from('a'.repeat(24)).toString('base64');
    const withoutUrl = parseConfig({ REPLICATE_API_TOKEN: 'r8_x', REPLICATE_WEBHOOK_SECRET: secret });
    const sut = parseConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_MODELS: 'flux-local, sdxl-local,',
      REPLICATE_API_TOKEN: 'r8_x',
      REPLICATE_WEBHOOK_SECRET: secret,
      PUBLIC_URL: 'https://studio.example.com/'
    });
    expect(sut.providers.openai?.models).toStrictEqual(['flux-local', 'sdxl-local']);
    expect(withoutUrl.providers.replicate?.webhook).toBeUndefined();
    expect(sut.providers.replicate?.webhook).toStrictEqual({
      url: 'https://studio.example.com/webhooks/replicate',
      secret
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ IMAGE_CDN_URL: 'not a url' }, 'IMAGE_CDN_URL'],
    [{ OPENAI_BASE_URL: 'localhost:8080' }, 'OPENAI_BASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ OPENAI_TIMEOUT_MS: '10' }, 'OPENAI_TIMEOUT_MS'],
    [{ REPLICATE_WEBHOOK_SECRET: 'secret' }, 'REPLICATE_WEBHOOK_SECRET'],
    [{ SHUT_DOWN_MODELS: 'ignore' }, 'SHUT_DOWN_MODELS'],
    [{ UPSTASH_REDIS_REST_URL: 'https://example.upstash.io' }, 'UPSTASH_REDIS_REST_TOKEN']
  ])('should refuse %o with a message naming %s', (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  - ${variable}: `));
  });
});
