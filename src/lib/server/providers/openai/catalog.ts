import { z } from 'zod';
import { parseAnswer, readJson } from '../kit/answers';
import { compatibleServerModel, OPENAI_DEFAULT_MODEL, OPENAI_MODELS, OPENAI_VENDOR, type OpenAIModel } from './models';
import { OPENAI_API_URL } from './transport';

/**
 * `GET /models`. `shutdown_date` is not in the SDK's `Model` type; OpenAI may send it as unix seconds or
 * as an ISO date, so both are read.
 */
const ZModelList = z.object({
  data: z.array(z.object({ id: z.string(), shutdown_date: z.union([z.number(), z.string()]).nullish() }))
});

export type ListedModel = z.infer<typeof ZModelList>['data'][number];

export async function readModelList(response: Response): Promise<ListedModel[]> {
  const body = await readJson(OPENAI_VENDOR, response, 'the model list');
  return parseAnswer(OPENAI_VENDOR, ZModelList, body, 'the model list').data;
}

/** Where the models come from: OpenAI itself, or a self-hosted OpenAI-compatible server. */
export type CatalogSource = { baseUrl?: string; models?: string[] };

export function servesOpenAIItself(source: CatalogSource): boolean {
  return new URL(source.baseUrl ?? OPENAI_API_URL).hostname === 'api.openai.com';
}

/**
 * Ids that look like image models: GPT image and DALL·E names, FLUX, Stable Diffusion (`stable-diffusion`,
 * `sd…` as a word start). A server whose ids match none of these names its image models freely, so then
 * every id it lists is offered.
 */
const IMAGE_MODEL_ID = /image|dall-e|flux|stable-diffusion|(^|[^a-z])sd/i;

/**
 * The catalog entry for an id, or generic capabilities for one the catalog does not know. OpenAI's
 * retirements concern OpenAI's own service: a self-hosted server that serves a model keeps it active.
 */
function modelFor(id: string, source: CatalogSource): OpenAIModel {
  const known = OPENAI_MODELS.find((model) => model.id === id);
  if (!known) return compatibleServerModel(id, new URL(source.baseUrl ?? OPENAI_API_URL).host);
  return servesOpenAIItself(source) ? known : { ...known, lifecycle: { status: 'active' } };
}

/** `options.models` when given; otherwise the whole catalog, until a refresh learns what a self-hosted server serves. */
export function initialModels(source: CatalogSource): OpenAIModel[] {
  const ids = source.models?.length ? source.models : OPENAI_MODELS.map((model) => model.id);
  return ids.map((id) => modelFor(id, source));
}

function parseShutdownDate(value: number | string): Date | undefined {
  const seconds = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  const date = seconds === undefined ? new Date(value) : new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function withShutdown(model: OpenAIModel, date: Date, now: number, models: readonly OpenAIModel[]): OpenAIModel {
  const catalogued = OPENAI_MODELS.find((known) => known.id === model.id)?.lifecycle;
  const fallback =
    model.id !== OPENAI_DEFAULT_MODEL && models.some((candidate) => candidate.id === OPENAI_DEFAULT_MODEL)
      ? OPENAI_DEFAULT_MODEL
      : undefined;
  const replacement = (catalogued?.status !== 'active' && catalogued?.replacement) || fallback;
  return {
    ...model,
    lifecycle: {
      status: date.getTime() <= now ? 'shut_down' : 'deprecated',
      shutdownDate: date.toISOString().slice(0, 10),
      ...(replacement && { replacement })
    }
  };
}

/**
 * The models after a `GET /models`: a self-hosted server without configured models gets its list
 * discovered; every listed model with a `shutdown_date` becomes deprecated (future) or shut down (past).
 * An empty listing changes nothing, so a server restarting cannot empty the provider.
 */
export function refreshedModels(
  current: readonly OpenAIModel[],
  listing: readonly ListedModel[],
  source: CatalogSource,
  now: number
): OpenAIModel[] {
  const discovering = !servesOpenAIItself(source) && !source.models?.length;
  const listedIds = listing.map((entry) => entry.id);
  const imageIds = listedIds.filter((id) => IMAGE_MODEL_ID.test(id));
  const discovered = (imageIds.length > 0 ? imageIds : listedIds).map((id) => modelFor(id, source));
  const models = discovering && discovered.length > 0 ? discovered : [...current];
  const shutdowns = new Map(
    listing.flatMap((entry) => {
      const date = entry.shutdown_date == null ? undefined : parseShutdownDate(entry.shutdown_date);
      return date ? [[entry.id, date] as const] : [];
    })
  );
  return models.map((model) => {
    const date = shutdowns.get(model.id);
    return date ? withShutdown(model, date, now, models) : model;
  });
}
