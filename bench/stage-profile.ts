import { PGlite } from '@electric-sql/pglite';
import type { Db } from '$lib/server/db/types';
import type { RateLimiter } from '$lib/server/limits/types';
import type { ImageProviderV1 } from '$lib/server/providers/types';
import type { BlobStore } from '$lib/server/storage/types';

/**
 * Bench-only instrumentation of one request at a time: the time spent in each PGlite statement (named by
 * the table it touches), in the limiter, the blob store and the provider. Nothing here runs in production;
 * the wrappers replace methods of the bench's own objects.
 */
export type StageRecorder = {
  /** Adds `ms` to `stage` of the request being measured. */
  add(stage: string, ms: number): void;
  countStatement(): void;
  /** The stages and the number of SQL statements since the last `take()`. */
  take(): { stages: Map<string, number>; statements: number };
};

export function createStageRecorder(): StageRecorder {
  let stages = new Map<string, number>();
  let statements = 0;
  return {
    add(stage, ms) {
      stages.set(stage, (stages.get(stage) ?? 0) + ms);
    },
    countStatement() {
      statements += 1;
    },
    take() {
      const taken = { stages, statements };
      stages = new Map();
      statements = 0;
      return taken;
    }
  };
}

/** `stage` may be a function when the name is known only afterwards (a transaction's content). */
async function timed<T>(recorder: StageRecorder, stage: string | (() => string), run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    recorder.add(typeof stage === 'string' ? stage : stage(), performance.now() - started);
  }
}

/** Which step of a generation a statement belongs to, from the table and verb it names. */
export function stageOfStatement(sql: string): string {
  const text = sql.toLowerCase();
  if (text.includes('"api_keys"')) return 'auth: API-key lookup';
  if (text.includes('"audit_log"')) return 'audit';
  if (text.includes('pg_advisory_xact_lock') || /insert into "budget_reservations"/.test(text)) return 'reservation';
  if (/^update "budget_reservations"/.test(text)) return 'settle';
  if (text.includes('"budget_reservations"')) return 'reservation';
  if (/^insert into "generated_images"/.test(text)) return 'row insert';
  if (/^update "generated_images"/.test(text)) return 'row update';
  // The whole user row is the actor; a few of its columns are the quota check (or, in a transaction, the budget).
  if (text.includes('"users"') && text.includes('"display_name"')) return 'auth: load the account';
  if (text.includes('"storage_quota_bytes"') || text.includes('"generated_images"')) return 'storage quota';
  if (text.includes('"daily_budget_micros"')) return 'reservation';
  return `other SQL: ${text.slice(0, 60)}`;
}

type Query = PGlite['query'];

/** Calls `onStatement(sql)` before each statement `target` sends. */
function watchQueries(target: { query: Query }, onStatement: (sql: string) => void): void {
  const query = target.query.bind(target) as (...args: unknown[]) => ReturnType<Query>;
  target.query = ((sql: string, ...rest: unknown[]) => {
    onStatement(sql);
    return query(sql, ...rest);
  }) as Query;
}

/**
 * Times every statement drizzle sends to PGlite, named by `stageOfStatement`. A transaction is timed as a
 * whole (its BEGIN and COMMIT count as two statements) and named after the steps of the statements inside it.
 */
export function instrumentPglite(db: Db, recorder: StageRecorder): void {
  const client: unknown = (db as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) throw new Error('The stage profile needs the PGlite driver.');
  const query = client.query.bind(client) as (...args: unknown[]) => ReturnType<Query>;
  client.query = ((sql: string, ...rest: unknown[]) => {
    recorder.countStatement();
    return timed(recorder, stageOfStatement(sql), () => query(sql, ...rest));
  }) as Query;
  const transaction = client.transaction.bind(client);
  client.transaction = ((run: Parameters<PGlite['transaction']>[0]) => {
    const inside = new Set<string>();
    recorder.countStatement();
    recorder.countStatement();
    return timed(
      recorder,
      () => [...inside].join(' + '),
      () =>
        transaction((tx) => {
          watchQueries(tx, (sql) => {
            recorder.countStatement();
            inside.add(stageOfStatement(sql));
          });
          return run(tx);
        })
    );
  }) as PGlite['transaction'];
}
export function timedLimiter(limiter: RateLimiter, recorder: StageRecorder): RateLimiter {
  return {
    ...limiter,
    consume: (...args) => timed(recorder, 'limiter', () => limiter.consume(...args)),
    peek: (...args) => timed(recorder, 'limiter', () => limiter.peek(...args))
  };
}

export function timedStorage(storage: BlobStore, recorder: StageRecorder): BlobStore {
  return { ...storage, put: (...args) => timed(recorder, 'blob writes', () => storage.put(...args)) };
}

export function timedProvider(provider: ImageProviderV1, recorder: StageRecorder): ImageProviderV1 {
  return {
    ...provider,
    // `models` and `defaultModel` are getters on some providers: read them through.
    get models() {
      return provider.models;
    },
    get defaultModel() {
      return provider.defaultModel;
    },
    generate: (call) => timed(recorder, 'provider call', () => provider.generate(call))
  };
}
