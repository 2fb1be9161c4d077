import { and, eq, gt, sql } from 'drizzle-orm';
import { pgView } from 'drizzle-orm/pg-core';
import { generatedImages, imageFavorites, promptTemplates, users } from './schema';

/** `numeric` and `bigint` aggregates arrive as strings from every driver; these views promise numbers. */
const asNumber = (value: unknown) => Number(value);

/** Per user: how many images, how they ended, what they cost, how many favourites, when the last one started. */
export const userGenerationSummary = pgView('user_generation_summary').as((qb) =>
  qb
    .select({
      userId: sql<string>`${users.id}`.as('user_id'),
      displayName: users.displayName,
      totalImages: sql<number>`count(${generatedImages.id})::int`.as('total_images'),
      completedImages:
        sql<number>`(count(${generatedImages.id}) filter (where ${generatedImages.status} = 'completed'))::int`.as(
          'completed_images'
        ),
      failedImages:
        sql<number>`(count(${generatedImages.id}) filter (where ${generatedImages.status} = 'failed'))::int`.as(
          'failed_images'
        ),
      totalCostUsd: sql<number>`coalesce(sum(${generatedImages.costUsd}), 0)`.mapWith(asNumber).as('total_cost_usd'),
      favoritesCount:
        sql<number>`(select count(*)::int from ${imageFavorites} where ${imageFavorites.userId} = ${users.id})`.as(
          'favorites_count'
        ),
      lastGenerationAt: sql<Date | null>`max(${generatedImages.createdAt})`
        .mapWith(generatedImages.createdAt)
        .as('last_generation_at')
    })
    .from(users)
    .leftJoin(generatedImages, eq(generatedImages.userId, users.id))
    .groupBy(users.id)
);

const completedOnly = sql`filter (where ${generatedImages.status} = 'completed')`;

/**
 * Per provider and model. `successRate` is completed / (completed + failed), so jobs still running
 * don't count as failures; it is null until one job has finished. Timings cover completed jobs only.
 */
export const providerPerformance = pgView('provider_performance').as((qb) =>
  qb
    .select({
      provider: generatedImages.provider,
      model: generatedImages.model,
      totalImages: sql<number>`count(*)::int`.as('total_images'),
      completedImages: sql<number>`(count(*) filter (where ${generatedImages.status} = 'completed'))::int`.as(
        'completed_images'
      ),
      failedImages: sql<number>`(count(*) filter (where ${generatedImages.status} = 'failed'))::int`.as(
        'failed_images'
      ),
      successRate: sql<number | null>`(count(*) filter (where ${generatedImages.status} = 'completed'))::float8
        / nullif(count(*) filter (where ${generatedImages.status} in ('completed', 'failed')), 0)`.as('success_rate'),
      avgGenerationTimeMs: sql<number | null>`(avg(${generatedImages.generationTimeMs}) ${completedOnly})::float8`.as(
        'avg_generation_time_ms'
      ),
      p50GenerationTimeMs: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${generatedImages.generationTimeMs}) ${completedOnly}`.as(
        'p50_generation_time_ms'
      ),
      p95GenerationTimeMs: sql<
        number | null
      >`percentile_cont(0.95) within group (order by ${generatedImages.generationTimeMs}) ${completedOnly}`.as(
        'p95_generation_time_ms'
      ),
      totalCostUsd: sql<number>`coalesce(sum(${generatedImages.costUsd}), 0)`.mapWith(asNumber).as('total_cost_usd')
    })
    .from(generatedImages)
    .groupBy(generatedImages.provider, generatedImages.model)
);

/** Public templates, most used first, with the author's display name (null for built-in templates). */
export const popularPromptTemplates = pgView('popular_prompt_templates').as((qb) =>
  qb
    .select({
      id: promptTemplates.id,
      name: promptTemplates.name,
      description: promptTemplates.description,
      template: promptTemplates.template,
      category: promptTemplates.category,
      variables: promptTemplates.variables,
      defaultProvider: promptTemplates.defaultProvider,
      defaultModel: promptTemplates.defaultModel,
      defaultSize: promptTemplates.defaultSize,
      useCount: promptTemplates.useCount,
      authorName: sql<string | null>`${users.displayName}`.as('author_name'),
      createdAt: promptTemplates.createdAt
    })
    .from(promptTemplates)
    .leftJoin(users, eq(users.id, promptTemplates.userId))
    .where(sql`${promptTemplates.isPublic}`)
    .orderBy(sql`${promptTemplates.useCount} desc`, promptTemplates.name)
);

/** Completed images whose job finished within the last 7 days, with their owner's display name. */
export const recentGenerations = pgView('recent_generations').as((qb) =>
  qb
    .select({
      id: generatedImages.id,
      userId: generatedImages.userId,
      displayName: users.displayName,
      prompt: generatedImages.prompt,
      provider: generatedImages.provider,
      model: generatedImages.model,
      size: generatedImages.size,
      url: generatedImages.url,
      storagePath: generatedImages.storagePath,
      thumbnailPath: generatedImages.thumbnailPath,
      width: generatedImages.width,
      height: generatedImages.height,
      costUsd: generatedImages.costUsd,
      generationTimeMs: generatedImages.generationTimeMs,
      createdAt: generatedImages.createdAt,
      completedAt: generatedImages.completedAt
    })
    .from(generatedImages)
    .innerJoin(users, eq(users.id, generatedImages.userId))
    .where(
      and(
        eq(generatedImages.status, sql`'completed'`),
        gt(sql`coalesce(${generatedImages.completedAt}, ${generatedImages.createdAt})`, sql`now() - interval '7 days'`)
      )
    )
);
