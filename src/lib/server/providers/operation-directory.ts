import { OPENAI_MODELS } from './openai/models';
import { REPLICATE_MODELS } from './replicate/models';
import { stabilityModels } from './stability/models';
import type { ModelCapabilities } from './types';

/** The hosted providers Atelier has adapters for, with the setting that configures each. */
const HOSTED_CATALOGS: { id: string; setting: string; models: readonly ModelCapabilities[] }[] = [
  { id: 'openai', setting: 'OPENAI_API_KEY', models: OPENAI_MODELS },
  { id: 'stability', setting: 'STABILITY_API_KEY', models: stabilityModels(0) },
  { id: 'replicate', setting: 'REPLICATE_API_TOKEN', models: REPLICATE_MODELS }
];

/**
 * Which hosted providers could do an operation once configured ("stability (STABILITY_API_KEY)"), so a
 * refusal on an instance without them says where to go.
 */
export function hostedProvidersThatCan(canDo: (model: ModelCapabilities) => boolean): string[] {
  return HOSTED_CATALOGS.filter((catalog) => catalog.models.some(canDo)).map(
    (catalog) => `${catalog.id} (${catalog.setting})`
  );
}
