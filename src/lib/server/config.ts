import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { INSTALL_ROOT } from './install-root';
import type { ProviderCallSettings } from './providers/types';

/**
 * The only module that reads the environment. Everything else receives a typed `Config`.
 * An invalid value stops start-up with a message naming the variable.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(
    z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://example.com' }).optional()
  )
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
      .optional()
  )
  .optional();

const optionalMs = (fallback: number) => z.coerce.number().int().min(1000).max(540_000).default(fallback);
/** `true` or `false`; empty or unset takes the default. */
function flag(fallback: boolean) {
  return z
    .string()
    .trim()
    .transform((value) => (value === '' ? String(fallback) : value))
    .pipe(z.stringbool({ error: 'must be true or false' }))
    .default(fallback);
}

const optionalMsOverride = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : Number(value)))
  .pipe(z.number().int().min(1000).max(540_000).optional())
  .optional();

export const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  DATABASE_URL: postgresUrl,
  NEON_WS_PROXY: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .string()
        .regex(/^[^\s/:]+:\d+$/, { message: 'must be host:port of a WebSocket proxy' })
        .optional()
    )
    .optional(),
  IMAGE_STORAGE_PATH: optionalString,
  IMAGE_CDN_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  OPENAI_ORG_ID: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  /** Comma-separated model ids a self-hosted OpenAI-compatible server serves; unset, they are discovered. */
  OPENAI_MODELS: optionalString,
  OPENAI_TIMEOUT_MS: optionalMsOverride,
  /** `false` skips OpenAI's moderation of prompts (e.g. a self-hosted OpenAI-compatible server has no /moderations). */
  OPENAI_MODERATION: flag(true),
  STABILITY_API_KEY: optionalString,
  STABILITY_BASE_URL: optionalUrl,
  STABILITY_TIMEOUT_MS: optionalMsOverride,
  STABILITY_USD_PER_CREDIT: z.coerce.number().positive().max(1).default(0.01),
  REPLICATE_API_TOKEN: optionalString,
  REPLICATE_BASE_URL: optionalUrl,
  REPLICATE_TIMEOUT_MS: optionalMsOverride,
  REPLICATE_WEBHOOK_SECRET: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .string()
        .regex(/^whsec_[A-Za-z0-9+/=]+$/, { message: 'must look like whsec_<base64>' })
        .optional()
    )
    .optional(),
  PROVIDER_TIMEOUT_MS: optionalMs(120_000),
  PROVIDER_JOB_TIMEOUT_MS: optionalMs(540_000),
  OPERATION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(600_000),
  PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  PROVIDER_MAX_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(20_000),
  PROVIDER_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  IMAGE_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(() => Math.max(1, availableParallelism() - 1)),
  SHUT_DOWN_MODELS: z.enum(['replace', 'refuse']).default('replace'),
  CACHE_TTL_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  CONFIRM_SPEND_ABOVE_USD: z.coerce.number().min(0).max(10_000).default(0.5),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_ENHANCE_MODEL: z.string().trim().min(1).default('claude-haiku-4-5'),
  ANTHROPIC_ANALYZE_MODEL: z.string().trim().min(1).default('claude-sonnet-4-6'),
  /** One Claude request with its 429/5xx retries (a malformed answer is asked for once more); a studio request waits. */
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(1000).max(540_000).default(60_000),
  /** USD per million tokens by model id, over the built-in table: {"claude-sonnet-5":{"input":2,"output":10}}. */
  ANTHROPIC_PRICES: z
    .string()
    .trim()
    .transform((value, context) => {
      if (value === '') return {};
      try {
        return JSON.parse(value) as unknown;
      } catch {
        context.addIssue({
          code: 'custom',
          message: 'must be JSON such as {"claude-sonnet-5":{"input":2,"output":10}}'
        });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() })))
    .default({}),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  PUBLIC_URL: optionalUrl,
  /** adapter-node's own settings, read here too: where browsers reach the studio and where it listens. */
  ORIGIN: optionalUrl,
  HOST: optionalString,
  /** `true` behind a reverse proxy: its X-Forwarded-Proto and X-Forwarded-For are believed. */
  TRUST_PROXY: flag(false),
  /** Browser origins that may call `/mcp` and the OAuth discovery documents: `*` or a comma-separated list. */
  MCP_CORS_ORIGINS: z
    .string()
    .trim()
    .default('*')
    .transform((value) =>
      value === '*' || value === '' ? ('*' as const) : value.split(',').map((item) => item.trim())
    )
    .pipe(
      z.union([
        z.literal('*'),
        z.array(
          z
            .url({ message: 'must be * or origins such as https://inspector.example.com,http://localhost:6274' })
            .transform((url) => new URL(url).origin)
        )
      ])
    ),
  /** adapter-node's: the proxy header naming the scheme browsers used. */
  PROTOCOL_HEADER: optionalString,
  ATELIER_AUTH_SECRET: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(32, { message: 'must be at least 32 characters (try `openssl rand -base64 32`)' }).optional())
    .optional(),
  ATELIER_ADMIN_EMAIL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value.toLowerCase()))
    .pipe(z.email({ message: 'must be an email address' }).optional())
    .optional(),
  ATELIER_ADMIN_PASSWORD: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(8, { message: 'must be at least 8 characters' }).max(128).optional())
    .optional(),
  ATELIER_USER: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value.toLowerCase()))
    .pipe(z.email({ message: 'must be the email address of an Atelier account' }).optional())
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
});

export type Env = z.infer<typeof ZEnv>;

export type Config = {
  env: Env['NODE_ENV'];
  port: number;
  logLevel: Env['LOG_LEVEL'];
  database:
    | { kind: 'pglite'; dataDir: string }
    /** `neonLocalProxy` (host:port) routes the Neon driver through a self-hosted WebSocket proxy: plain ws, no TLS. */
    | { kind: 'neon'; url: string; neonLocalProxy?: string }
    | { kind: 'postgres'; url: string };
  storage: { kind: 'fs'; root: string; publicBaseUrl: string };
  providers: {
    openai?: {
      apiKey: string;
      organization?: string;
      baseUrl?: string;
      models?: string[];
      calls: ProviderCallSettings;
      /** Prompts are checked by OpenAI's moderation endpoint before any generation (OPENAI_MODERATION). */
      moderation: boolean;
    };
    stability?: { apiKey: string; baseUrl?: string; usdPerCredit: number; calls: ProviderCallSettings };
    replicate?: {
      apiToken: string;
      baseUrl?: string;
      calls: ProviderCallSettings;
      /** `${PUBLIC_URL}/webhooks/replicate` when PUBLIC_URL and the signing secret are set; else jobs are polled. */
      webhook?: { url: string; secret: string };
    };
    anthropic?: {
      apiKey: string;
      baseUrl?: string;
      models: { enhance: string; analyze: string };
      /** Overrides of the built-in price table, USD per million tokens. */
      prices: Record<string, { input: number; output: number }>;
      timeoutMs: number;
      maxRetries: number;
      maxRetryDelayMs: number;
    };
  };
  /** Calls in flight per provider (the local renderer too), across all users of this instance. */
  providerConcurrency: number;
  operations: {
    /** The longest one image operation (a generate request) runs: its provider calls are aborted then. */
    timeoutMs: number;
    /**
     * `timeoutMs` and a tenth more, for the request to record its outcome. Work older than this has no live
     * process: its unfinished rows are marked interrupted, its budget reservations expire, and stored files
     * no row references are removed.
     */
    staleAfterMs: number;
    /** How often each instance sweeps interrupted work: half of `staleAfterMs`, at most every 5 minutes. */
    sweepEveryMs: number;
  };
  /** Worker threads painting `local` images, so rendering never blocks the event loop. */
  imageWorkers: number;
  /** Where the NSFW classifier's model is saved once (model.json + weights.bin) so later starts load it in ~1 s. */
  nsfwModelDirectory: string;
  /** What a request for a model the vendor shut down gets: its replacement (with a warning) or a refusal. */
  shutDownModels: 'replace' | 'refuse';
  /** How long an identical seeded generate request is answered from its stored images; 0 turns the cache off. */
  cacheTtlDays: number;
  /** An MCP call estimated above this many dollars asks the person first (elicitation) or is refused. */
  confirmSpendAboveUsd: number;
  upstash?: { url: string; token: string };
  /**
   * Whether adapter-node knows the scheme requests came with (ORIGIN or PROTOCOL_HEADER set); without
   * them it calls every request https, though it serves plain HTTP itself.
   */
  requestSchemeKnown: boolean;
  auth: {
    /** Signs session cookies. Unset: a random secret kept in `secretFile`, created on first start. */
    secret?: string;
    secretFile: string;
    /** `PUBLIC_URL`: the studio's public address, for links that leave the server (webhooks, setup link). */
    publicUrl?: string;
    /**
     * The origins browsers reach the studio at: `PUBLIC_URL` and `ORIGIN`, else the listening host and port
     * (loopback names included). Cookie-authenticated requests and redirects to any other origin are refused.
     * The first one starts the setup link.
     */
    origins: [string, ...string[]];
    /** Believe a reverse proxy's X-Forwarded-Proto (Secure cookies) and X-Forwarded-For (the client's IP). */
    trustProxy: boolean;
    /** Creates the first admin on start when no account exists (headless setup). */
    bootstrapAdmin?: { email: string; password: string };
    /** The account MCP over stdio acts as; unset, the first admin. */
    stdioUserEmail?: string;
  };
  /**
   * `MCP_CORS_ORIGINS`: browser origins answered with CORS headers on `/mcp` and `/.well-known/*`. `*` is safe
   * there because those answers never act on the session cookie (MCP takes bearer tokens only).
   */
  mcpCorsOrigins: '*' | string[];
};

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

/** Without a configured public address, only the address the server listens on (by any loopback name) is trusted. */
function studioOrigins(env: Env): [string, ...string[]] {
  const configured = [env.PUBLIC_URL, env.ORIGIN].flatMap((url) => (url ? [new URL(url).origin] : []));
  const listeningHost =
    env.HOST && !ANY_ADDRESS.has(env.HOST) ? [env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST] : [];
  const listening = [...listeningHost, ...LOOPBACK_HOSTS].map((host) => `http://${host}:${env.PORT}`);
  const [first, ...rest] = new Set(configured.length > 0 ? configured : listening);
  return [first!, ...rest];
}

function operationTimes(timeoutMs: number): Config['operations'] {
  const staleAfterMs = Math.round(timeoutMs * 1.1);
  return { timeoutMs, staleAfterMs, sweepEveryMs: Math.min(5 * 60_000, Math.round(staleAfterMs / 2)) };
}

/** Neon's hosts (and `?neon` for self-hosted proxies in tests) select the Neon serverless driver. */
function databaseKind(url: string): 'neon' | 'postgres' {
  const { hostname, searchParams } = new URL(url);
  return hostname.endsWith('.neon.tech') || hostname.endsWith('.neon.build') || searchParams.has('neon')
    ? 'neon'
    : 'postgres';
}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)
    );
  }
  const env = parsed.data;
  if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
    const [missing, present] = env.UPSTASH_REDIS_REST_URL
      ? ['UPSTASH_REDIS_REST_TOKEN', 'UPSTASH_REDIS_REST_URL']
      : ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'];
    throw new ConfigError([`${missing}: must be set together with ${present}`]);
  }
  if (Boolean(env.ATELIER_ADMIN_EMAIL) !== Boolean(env.ATELIER_ADMIN_PASSWORD)) {
    const missing = env.ATELIER_ADMIN_EMAIL ? 'ATELIER_ADMIN_PASSWORD' : 'ATELIER_ADMIN_EMAIL';
    throw new ConfigError([`${missing}: must be set together with the other ATELIER_ADMIN_* variable`]);
  }

  // Relative paths are taken from the install, not the working directory, which a desktop MCP client sets to `/`.
  const dataDir = resolve(INSTALL_ROOT, env.DATA_DIR);
  const cdn = env.IMAGE_CDN_URL?.replace(/\/+$/, '');
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
  const callSettings = (timeoutOverride: number | undefined): ProviderCallSettings => ({
    timeoutsMs: {
      generate: timeoutOverride ?? env.PROVIDER_TIMEOUT_MS,
      edit: timeoutOverride ?? env.PROVIDER_TIMEOUT_MS,
      job: Math.max(timeoutOverride ?? 0, env.PROVIDER_JOB_TIMEOUT_MS)
    },
    maxRetries: env.PROVIDER_MAX_RETRIES,
    maxRetryDelayMs: env.PROVIDER_MAX_RETRY_DELAY_MS
  });
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    database: env.DATABASE_URL
      ? env.NEON_WS_PROXY
        ? { kind: 'neon', url: env.DATABASE_URL, neonLocalProxy: env.NEON_WS_PROXY }
        : { kind: databaseKind(env.DATABASE_URL), url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') },
    storage: {
      kind: 'fs',
      root: resolve(INSTALL_ROOT, env.IMAGE_STORAGE_PATH ?? resolve(dataDir, 'images')),
      publicBaseUrl: cdn ?? '/files'
    },
    providers: {
      ...(env.OPENAI_API_KEY && {
        openai: {
          apiKey: env.OPENAI_API_KEY,
          organization: env.OPENAI_ORG_ID,
          baseUrl: env.OPENAI_BASE_URL,
          models: env.OPENAI_MODELS?.split(',')
            .map((model) => model.trim())
            .filter(Boolean),
          calls: callSettings(env.OPENAI_TIMEOUT_MS),
          moderation: env.OPENAI_MODERATION
        }
      }),
      ...(env.STABILITY_API_KEY && {
        stability: {
          apiKey: env.STABILITY_API_KEY,
          baseUrl: env.STABILITY_BASE_URL,
          usdPerCredit: env.STABILITY_USD_PER_CREDIT,
          calls: callSettings(env.STABILITY_TIMEOUT_MS)
        }
      }),
      ...(env.REPLICATE_API_TOKEN && {
        replicate: {
          apiToken: env.REPLICATE_API_TOKEN,
          baseUrl: env.REPLICATE_BASE_URL,
          calls: callSettings(env.REPLICATE_TIMEOUT_MS),
          ...(publicUrl &&
            env.REPLICATE_WEBHOOK_SECRET && {
              webhook: { url: `${publicUrl}/webhooks/replicate`, secret: env.REPLICATE_WEBHOOK_SECRET }
            })
        }
      }),
      ...(env.ANTHROPIC_API_KEY && {
        anthropic: {
          apiKey: env.ANTHROPIC_API_KEY,
          baseUrl: env.ANTHROPIC_BASE_URL,
          models: { enhance: env.ANTHROPIC_ENHANCE_MODEL, analyze: env.ANTHROPIC_ANALYZE_MODEL },
          prices: env.ANTHROPIC_PRICES,
          timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
          maxRetries: env.PROVIDER_MAX_RETRIES,
          maxRetryDelayMs: env.PROVIDER_MAX_RETRY_DELAY_MS
        }
      })
    },
    providerConcurrency: env.PROVIDER_MAX_CONCURRENCY,
    operations: operationTimes(env.OPERATION_TIMEOUT_MS),
    imageWorkers: env.IMAGE_WORKERS,
    nsfwModelDirectory: resolve(dataDir, 'models/nsfwjs'),
    shutDownModels: env.SHUT_DOWN_MODELS,
    cacheTtlDays: env.CACHE_TTL_DAYS,
    confirmSpendAboveUsd: env.CONFIRM_SPEND_ABOVE_USD,
    ...(env.UPSTASH_REDIS_REST_URL &&
      env.UPSTASH_REDIS_REST_TOKEN && {
        upstash: { url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN }
      }),
    requestSchemeKnown: Boolean(env.ORIGIN || env.PROTOCOL_HEADER),
    auth: {
      secret: env.ATELIER_AUTH_SECRET,
      secretFile: resolve(dataDir, 'auth-secret'),
      publicUrl,
      origins: studioOrigins(env),
      trustProxy: env.TRUST_PROXY,
      bootstrapAdmin:
        env.ATELIER_ADMIN_EMAIL && env.ATELIER_ADMIN_PASSWORD
          ? { email: env.ATELIER_ADMIN_EMAIL, password: env.ATELIER_ADMIN_PASSWORD }
          : undefined,
      stdioUserEmail: env.ATELIER_USER
    },
    mcpCorsOrigins: env.MCP_CORS_ORIGINS
  };
}

/** Where links that leave the server point: `PUBLIC_URL`, else the first studio origin (no trailing slash). */
export function linkBaseUrl(config: Config): string {
  return config.auth.publicUrl ?? config.auth.origins[0];
}

let loaded: Config | undefined;

/** The process configuration, parsed once from `process.env`. */
export function loadConfig(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}
