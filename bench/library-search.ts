import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { sql, type Logger } from 'drizzle-orm';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { openDatabase } from '$lib/server/db/client';
import * as schema from '$lib/server/db/schema';
import type { Db, DatabaseHandle } from '$lib/server/db/types';
import { createLocalProvider } from '$lib/server/providers/local';
import { searchLibrary, type SearchRequest } from '$lib/server/services/library';
import { startNeonWsProxy } from '../scripts/neon-ws-proxy';
import { createTestUser } from '../tests/support/test-users';
import { createBenchApi } from './bench-deps';
import { summarize, timeEach } from './stats';

/** The searched, filtered library page the bench times: text, a filter, newest first, 50 a page. */
const QUERY = { text: 'lighthouse', provider: 'openai', sort: 'newest', limit: 50 } as const;

type RawClient = { query(text: string, params: unknown[]): Promise<unknown> };
type Statement = { text: string; params: unknown[] };

/**
 * A searched library page over 100 000 images of one user (plus others'), on PGlite and on PostgreSQL
 * through the Neon driver and the local WebSocket proxy: our service, the tRPC caller, and the very SQL
 * our code sends replayed as raw text on the same connection (the floor). Needs PostgreSQL 15 installed
 * (scripts/postgres.sh); without it only PGlite is measured.
 */
export async function benchLibrarySearch(rows = 100_000, iterations = 60) {
  const pglite = await measure(await openDatabase({ kind: 'pglite', dataDir: 'memory://' }), rows, iterations);
  let postgres: unknown;
  try {
    postgres = await withPostgres((database) => measure(database, rows, iterations));
  } catch (error) {
    postgres = { skipped: error instanceof Error ? error.message : String(error) };
  }
  return { rows, query: QUERY, goal: 'p50 < 5 ms on PostgreSQL, ≤ 1.5× raw SQL on both', pglite, postgres };
}

async function measure(database: DatabaseHandle, rows: number, iterations: number) {
  const bench = await createBenchApi(createLocalProvider(), database);
  try {
    const others = await Promise.all([1, 2, 3].map(() => createTestUser(bench.deps)));
    const seeded = performance.now();
    // Bulk-load practice: build the full-text index once after the rows instead of updating it per row.
    await bench.deps.db.execute(sql`drop index generated_images_prompt_search_idx`);
    await seedLibrary(bench.deps.db, bench.actor.id, rows);
    for (const other of others) await seedLibrary(bench.deps.db, other.id, Math.round(rows / 10));
    await bench.deps.db.execute(
      sql`create index generated_images_prompt_search_idx on generated_images using gin (prompt_search)`
    );
    await bench.deps.db.execute(sql`analyze`);
    const seedMs = performance.now() - seeded;

    const first: SearchRequest = { ...QUERY, trash: false };
    const { nextCursor, total } = await searchLibrary(bench.deps, bench.actor, first);
    const second: SearchRequest = { ...first, cursor: nextCursor ?? undefined };
    const raw = rawClientOf(database);
    const statements = {
      first: await statementsOf(database, (db) => searchLibrary({ ...bench.deps, db }, bench.actor, first)),
      second: await statementsOf(database, (db) => searchLibrary({ ...bench.deps, db }, bench.actor, second))
    };
    const replay = (list: Statement[]) => async () => {
      for (const statement of list) await raw.query(statement.text, statement.params);
    };

    const runs = {
      service: {
        first: () => searchLibrary(bench.deps, bench.actor, first),
        second: () => searchLibrary(bench.deps, bench.actor, second)
      },
      trpc: {
        first: () => bench.api.images.search(QUERY),
        second: () => bench.api.images.search({ ...QUERY, cursor: second.cursor })
      },
      rawSql: { first: replay(statements.first), second: replay(statements.second) }
    };
    const timings: Record<string, Record<string, ReturnType<typeof summarize>>> = {};
    for (const [door, pages] of Object.entries(runs)) {
      timings[door] = {};
      for (const [page, run] of Object.entries(pages)) {
        await timeEach(5, run);
        timings[door][page] = summarize(await timeEach(iterations, run));
      }
    }
    const ratio = (door: string, page: string) =>
      Math.round((timings[door]![page]!.p50 / timings.rawSql![page]!.p50) * 100) / 100;
    const history = summarize(await timeEach(iterations, () => bench.api.images.history({ limit: 20 })));
    return {
      driver: database.kind,
      seedMs: Math.round(seedMs),
      total,
      statementsPerPage: { first: statements.first.length, second: statements.second.length },
      ms: timings,
      p50VersusRaw: {
        service: { first: ratio('service', 'first'), second: ratio('service', 'second') },
        trpc: { first: ratio('trpc', 'first'), second: ratio('trpc', 'second') }
      },
      historyFirstPageMs: history
    };
  } finally {
    await bench.close();
  }
}

/**
 * `count` images of one user in one statement: prompts drawn from a varied vocabulary, four providers
 * with their models, sizes and prices, a year of dates, some edits, uploads and trashed ones; then 5 %
 * favorites and a collection of 500.
 */
async function seedLibrary(db: Db, userId: string, count: number): Promise<void> {
  await db.execute(sql`
    with vocabulary as (
      select
        array['a lighthouse', 'an old lighthouse', 'a fox', 'two cats', 'a dragon', 'a robot', 'a castle', 'a sailboat',
          'a forest cabin', 'a mountain lake', 'a city street', 'a portrait of a woman', 'a portrait of an old man',
          'a bowl of fruit', 'a vintage car', 'a spaceship', 'a waterfall', 'a desert caravan', 'a cherry tree',
          'an owl', 'a whale', 'a tea house', 'a train station', 'a lantern festival', 'a knight', 'a wizard',
          'a coral reef', 'a bridge', 'a windmill', 'a market'] as subjects,
        array['at dusk', 'at dawn', 'in the rain', 'under snow', 'in fog', 'at night', 'in golden light',
          'under a stormy sky', 'in spring', 'in autumn', 'by the sea', 'on a hill', 'in neon light',
          'in moonlight', 'at noon'] as settings,
        array['watercolor', 'oil painting', 'photograph', 'anime style', 'pixel art', 'cyberpunk', 'pencil sketch',
          'isometric render', 'studio lighting', 'cinematic', 'low poly', 'ukiyo-e woodblock'] as styles,
        array['local', 'openai', 'stability', 'replicate'] as providers,
        array['procedural-v1', 'gpt-image-1', 'stable-image-core', 'flux-schnell'] as models,
        array['512x512', '1024x1024', '1024x1536', '1536x1024'] as sizes,
        array[0, 0.04, 0.03, 0.003]::numeric[] as prices
    )
    insert into generated_images (user_id, prompt, revised_prompt, provider, model, size, status, seed, cost_usd,
      edit_type, storage_path, thumbnail_path, width, height, format, file_size, created_at, completed_at, deleted_at)
    select ${userId}::uuid,
      subjects[pick.subject] || ' ' || settings[pick.setting] || ', ' || styles[pick.style],
      case when n % 4 = 1 then 'A detailed ' || styles[pick.style] || ' of ' || subjects[pick.subject] end,
      providers[1 + n % 4], models[1 + n % 4], sizes[1 + (n / 4) % 4],
      case when n % 50 = 0 then 'failed' else 'completed' end,
      (n::bigint * 2654435761 % 2147483647)::int,
      prices[1 + n % 4] * (1 + (n / 4) % 2),
      case when n % 20 = 0 then (array['upscale', 'inpaint', 'variation', 'upload'])[1 + (n / 20) % 4] end,
      'images/bench/' || n || '.png', 'images/bench/' || n || '-thumb.webp', 512, 512, 'png', 300000,
      now() - make_interval(secs => n * 315), now() - make_interval(secs => n * 315 - 5),
      case when n % 100 = 7 then now() - make_interval(days => n % 30) end
    from vocabulary, generate_series(1, ${count}) as n,
      lateral (select (n::bigint * 7919 % 30)::int + 1 as subject, (n::bigint * 104729 % 15)::int + 1 as setting,
        n * 13 % 12 + 1 as style) as pick`);
  await db.execute(sql`
    insert into image_favorites (user_id, image_id)
    select user_id, id from generated_images where user_id = ${userId} and abs(hashtext(id::text)) % 20 = 0`);
  await db.execute(sql`
    with collection as (
      insert into image_collections (user_id, name) values (${userId}, 'bench favourites') returning id
    )
    insert into collection_images (collection_id, image_id, position)
    select collection.id, chosen.id, row_number() over ()
    from collection, (select id from generated_images where user_id = ${userId} limit 500) as chosen`);
}

/** The statements `run` sends, captured through a second drizzle instance that logs, on the same client. */
async function statementsOf(database: DatabaseHandle, run: (db: Db) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const logger: Logger = { logQuery: (text, params) => statements.push({ text, params }) };
  const client = clientOf(database);
  const db: Db =
    database.kind === 'pglite'
      ? drizzlePglite({ client: client as never, schema, logger })
      : drizzleNeon({ client: client as never, schema, logger });
  await run(db);
  return statements;
}

function clientOf(database: DatabaseHandle): unknown {
  return (database.db as { $client?: unknown }).$client;
}

function rawClientOf(database: DatabaseHandle): RawClient {
  const client = clientOf(database);
  if (!client || typeof (client as RawClient).query !== 'function') throw new Error('No raw client to replay SQL on.');
  return client as RawClient;
}

/** A throwaway database on the test cluster (scripts/postgres.sh), opened through the Neon driver and proxy. */
async function withPostgres<T>(run: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const port = Number(process.env.PGPORT ?? 54329);
  const started = spawnSync('bash', [resolve('scripts/postgres.sh')], {
    env: { ...process.env, PGPORT: String(port) },
    encoding: 'utf8'
  });
  if (started.status !== 0) throw new Error(started.stderr.trim() || 'scripts/postgres.sh failed');
  const adminUrl = started.stdout.trim();
  const name = `atelier_bench_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const proxy = await startNeonWsProxy({ allowedPorts: [port] });
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({
      kind: 'neon',
      url: url.toString(),
      neonLocalProxy: `127.0.0.1:${proxy.port}`
    });
    return await run(database);
  } finally {
    await proxy.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
