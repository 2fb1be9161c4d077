import { readFile } from 'node:fs/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUnavailable } from '$tests/support/database';
import { openDatabase } from './client';
import {
  generatedImages,
  imageFavorites,
  imageGenerationStats,
  promptTemplates,
  users,
  type NewGeneratedImageRow
} from './schema';
import type { DatabaseHandle, Db } from './types';
import {
  getUserGenerationSummary,
  listPopularPromptTemplates,
  listProviderPerformance,
  listRecentGenerations
} from './view-queries';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.skipIf(postgresUnavailable)(openDatabase.name, () => {
  let database: DatabaseHandle;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });

  afterAll(() => database?.close());

  async function insertUser(displayName: string) {
    const [user] = await db
      .insert(users)
      .values({ email: `${crypto.randomUUID()}@example.test`, displayName })
      .returning();
    if (!user) throw new Error('insert returned no user');
    return user;
  }

  async function insertImage(values: Partial<NewGeneratedImageRow> & { userId: string }) {
    const [image] = await db
      .insert(generatedImages)
      .values({ prompt: 'a test image', provider: 'local', model: 'procedural-v1', size: '512x512', ...values })
      .returning();
    if (!image) throw new Error('insert returned no image');
    return image;
  }

  it('should open the driver the project asks for', () => {
    expect(database.kind).toBe(process.env.ATELIER_TEST_DB === 'neon' ? 'neon' : 'pglite');
  });

  it('should apply every migration in drizzle/', async () => {
    const journal = JSON.parse(await readFile('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    const [applied] = await db.select({ count: sql<number>`count(*)::int` }).from(sql`drizzle.__drizzle_migrations`);
    const views = await db
      .select({ name: sql<string>`table_name` })
      .from(sql`information_schema.views`)
      .where(sql`table_schema = 'public'`)
      .orderBy(sql`table_name`);

    expect(applied?.count).toBe(journal.entries.length);
    expect(views.map((view) => view.name)).toEqual([
      'popular_prompt_templates',
      'provider_performance',
      'recent_generations',
      'user_generation_summary'
    ]);
  });

  it('should round-trip a user and a generated image with its typed columns', async () => {
    const user = await insertUser('Round Trip');
    const completedAt = new Date('2026-05-01T10:00:00.123Z');
    const inserted = await insertImage({
      userId: user.id,
      prompt: 'a lighthouse at dusk',
      metadata: { palette: ['#112233'], nested: { seed: 7 } },
      costUsd: 0.040001,
      cfgScale: 7.5,
      status: 'completed',
      completedAt
    });

    const [row] = await db.select().from(generatedImages).where(eq(generatedImages.id, inserted.id));

    expect(row).toMatchObject({
      userId: user.id,
      prompt: 'a lighthouse at dusk',
      metadata: { palette: ['#112233'], nested: { seed: 7 } },
      costUsd: 0.040001,
      cfgScale: 7.5,
      status: 'completed',
      completedAt
    });
    expect(row?.createdAt).toBeInstanceOf(Date);
    expect(row?.promptSearch).toContain("'lighthous'");
  });

  it('should find images by prompt with websearch_to_tsquery, stemming words and honouring operators', async () => {
    const user = await insertUser('Searcher');
    const fox = await insertImage({ userId: user.id, prompt: 'a red fox sleeping in the snowy forest' });
    const car = await insertImage({ userId: user.id, prompt: 'red sports car racing at night' });
    const cat = await insertImage({
      userId: user.id,
      prompt: 'portrait of a cat',
      revisedPrompt: 'a ginger cat wearing a hat'
    });
    const search = async (query: string) => {
      const rows = await db
        .select({ id: generatedImages.id })
        .from(generatedImages)
        .where(
          and(
            eq(generatedImages.userId, user.id),
            sql`${generatedImages.promptSearch} @@ websearch_to_tsquery('english', ${query})`
          )
        );
      return rows.map((row) => row.id).sort();
    };

    expect(await search('foxes')).toEqual([fox.id]);
    expect(await search('red -car')).toEqual([fox.id]);
    expect(await search('"sports car"')).toEqual([car.id]);
    expect(await search('ginger')).toEqual([cat.id]);
    expect(await search('fox or hats')).toEqual([fox.id, cat.id].sort());
    expect(await search('submarine')).toEqual([]);
  });

  it('should count a job in the daily stats once, when it first completes or fails, under its UTC day', async () => {
    const user = await insertUser('Stats');
    const pending = await insertImage({ userId: user.id, provider: 'stats-provider', model: 'm' });
    await db
      .update(generatedImages)
      .set({
        status: 'completed',
        costUsd: 0.04,
        generationTimeMs: 1200,
        completedAt: new Date('2026-03-04T23:30:00-05:00')
      })
      .where(eq(generatedImages.id, pending.id));
    await db.update(generatedImages).set({ url: '/files/a.png' }).where(eq(generatedImages.id, pending.id));
    await insertImage({
      userId: user.id,
      provider: 'stats-provider',
      model: 'm',
      status: 'failed',
      generationTimeMs: 300,
      createdAt: new Date('2026-03-05T01:00:00Z'),
      completedAt: new Date('2026-03-05T01:00:00Z')
    });
    await insertImage({ userId: user.id, provider: 'stats-provider', model: 'm', status: 'generating' });

    const rows = await db.select().from(imageGenerationStats).where(eq(imageGenerationStats.userId, user.id));

    expect(rows).toEqual([
      {
        userId: user.id,
        day: '2026-03-05',
        provider: 'stats-provider',
        model: 'm',
        totalGenerations: 2,
        successfulGenerations: 1,
        failedGenerations: 1,
        totalCostUsd: 0.04,
        totalGenerationTimeMs: 1500
      }
    ]);
  });

  it('should summarise a user in user_generation_summary', async () => {
    const user = await insertUser('Summary');
    const lastCreatedAt = new Date('2026-06-02T08:00:00Z');
    const first = await insertImage({ userId: user.id, status: 'completed', costUsd: 0.04 });
    await insertImage({ userId: user.id, status: 'completed', costUsd: 0.02, createdAt: lastCreatedAt });
    await insertImage({ userId: user.id, status: 'failed', createdAt: new Date('2026-06-01T00:00:00Z') });
    await insertImage({ userId: user.id, status: 'pending', createdAt: new Date('2026-05-01T00:00:00Z') });
    await db.insert(imageFavorites).values({ userId: user.id, imageId: first.id });
    const idle = await insertUser('Idle');

    expect(await getUserGenerationSummary(db, user.id)).toEqual({
      userId: user.id,
      displayName: 'Summary',
      totalImages: 4,
      completedImages: 2,
      failedImages: 1,
      totalCostUsd: 0.06,
      favoritesCount: 1,
      lastGenerationAt: first.createdAt > lastCreatedAt ? first.createdAt : lastCreatedAt
    });
    expect(await getUserGenerationSummary(db, idle.id)).toMatchObject({
      totalImages: 0,
      totalCostUsd: 0,
      favoritesCount: 0,
      lastGenerationAt: null
    });
  });

  it('should report success rate, timing percentiles and cost per provider and model in provider_performance', async () => {
    const user = await insertUser('Performance');
    for (const generationTimeMs of [100, 200, 300, 400]) {
      await insertImage({
        userId: user.id,
        provider: 'perf-provider',
        model: 'fast',
        status: 'completed',
        generationTimeMs,
        costUsd: 0.01
      });
    }
    await insertImage({
      userId: user.id,
      provider: 'perf-provider',
      model: 'fast',
      status: 'failed',
      generationTimeMs: 9000
    });
    await insertImage({ userId: user.id, provider: 'perf-provider', model: 'fast', status: 'pending' });
    await insertImage({ userId: user.id, provider: 'perf-provider', model: 'slow', status: 'pending' });

    const rows = (await listProviderPerformance(db)).filter((row) => row.provider === 'perf-provider');

    expect(rows).toEqual([
      {
        provider: 'perf-provider',
        model: 'fast',
        totalImages: 6,
        completedImages: 4,
        failedImages: 1,
        successRate: 0.8,
        avgGenerationTimeMs: 250,
        p50GenerationTimeMs: 250,
        p95GenerationTimeMs: expect.closeTo(385, 6),
        totalCostUsd: 0.04
      },
      {
        provider: 'perf-provider',
        model: 'slow',
        totalImages: 1,
        completedImages: 0,
        failedImages: 0,
        successRate: null,
        avgGenerationTimeMs: null,
        p50GenerationTimeMs: null,
        p95GenerationTimeMs: null,
        totalCostUsd: 0
      }
    ]);
  });

  it('should list only public templates, most used first, in popular_prompt_templates', async () => {
    const author = await insertUser('Template Author');
    const templates = [
      { userId: author.id, name: 'rarely used', template: 'a {subject}', isPublic: true, useCount: 5 },
      { userId: author.id, name: 'often used', template: 'b {subject}', isPublic: true, useCount: 12 },
      { userId: author.id, name: 'private favourite', template: 'c {subject}', isPublic: false, useCount: 100 },
      { userId: null, name: 'built in', template: 'd {subject}', isPublic: true, useCount: 7 }
    ];
    await db.insert(promptTemplates).values(templates);
    const names = templates.map((template) => template.name);

    const rows = (await listPopularPromptTemplates(db, 100)).filter((row) => names.includes(row.name));

    expect(rows.map((row) => [row.name, row.useCount, row.authorName])).toEqual([
      ['often used', 12, 'Template Author'],
      ['built in', 7, null],
      ['rarely used', 5, 'Template Author']
    ]);
  });

  it('should list images completed in the last 7 days with their owner in recent_generations', async () => {
    const user = await insertUser('Recent Owner');
    const now = Date.now();
    const recent = await insertImage({ userId: user.id, status: 'completed', completedAt: new Date(now - DAY_MS) });
    await insertImage({ userId: user.id, status: 'completed', completedAt: new Date(now - 8 * DAY_MS) });
    await insertImage({ userId: user.id, status: 'failed', completedAt: new Date(now - DAY_MS) });
    await insertImage({ userId: user.id, status: 'generating' });

    const rows = await listRecentGenerations(db, { userId: user.id });

    expect(rows.map((row) => [row.id, row.displayName])).toEqual([[recent.id, 'Recent Owner']]);
    expect(rows[0]?.completedAt).toEqual(recent.completedAt);
  });

  it('should leave no row behind when a transaction throws', async () => {
    const email = `${crypto.randomUUID()}@example.test`;

    await expect(
      db.transaction(async (tx) => {
        const [user] = await tx.insert(users).values({ email, displayName: 'Ghost' }).returning({ id: users.id });
        if (!user) throw new Error('insert returned no user');
        await tx
          .insert(generatedImages)
          .values({ userId: user.id, prompt: 'never', provider: 'local', model: 'm', size: '1x1' });
        throw new Error('abort the transaction');
      })
    ).rejects.toThrow('abort the transaction');

    const leftovers = await db
      .select()
      .from(users)
      .where(inArray(users.email, [email]));
    const images = await db.select().from(generatedImages).where(eq(generatedImages.prompt, 'never'));
    expect(leftovers).toEqual([]);
    expect(images).toEqual([]);
  });
});
