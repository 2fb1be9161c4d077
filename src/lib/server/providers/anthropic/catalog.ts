import { z } from 'zod';
import { tierOf } from './models';

/** One entry of `GET /v1/models`, as far as the start-up check reads it. */
export const ZListedModel = z.object({
  id: z.string(),
  created_at: z.string(),
  line: z.string().nullish(),
  lifecycle: z.string().optional()
});
export type ListedModel = z.infer<typeof ZListedModel>;

export type ModelChoice = { enhance: string; analyze: string };
export type Replacement = { operation: keyof ModelChoice; configured: string; replacement: string };

const newestFirst = (a: ListedModel, b: ListedModel) => Date.parse(b.created_at) - Date.parse(a.created_at);

function replacementFor(configured: string, usable: ListedModel[]): string | undefined {
  if (usable.some((model) => model.id === configured)) return undefined;
  const tier = tierOf(configured);
  const sameTier = usable.filter((model) => (model.line ?? tierOf(model.id)) === tier);
  return [...(tier && sameTier.length > 0 ? sameTier : usable)].sort(newestFirst)[0]?.id;
}

/**
 * The models to use after reading the account's model list: a configured model the list lacks (retired,
 * or not open to this key) becomes the newest listed model of its tier (haiku, sonnet, opus), else the
 * newest listed model. An empty list changes nothing.
 */
export function chooseModels(configured: ModelChoice, listing: ListedModel[]) {
  const usable = listing.filter((model) => model.lifecycle !== 'retired');
  const replacements: Replacement[] = [];
  const models = { ...configured };
  for (const operation of ['enhance', 'analyze'] as const) {
    const replacement = replacementFor(configured[operation], usable);
    if (!replacement) continue;
    replacements.push({ operation, configured: configured[operation], replacement });
    models[operation] = replacement;
  }
  return { models, replacements };
}
