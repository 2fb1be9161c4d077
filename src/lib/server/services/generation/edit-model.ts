import { AppError } from '../../errors';
import { hostedProvidersThatCan } from '../../providers/operation-directory';
import type { ResolvedModel } from '../../providers/registry';
import type { EditOperation, ModelCapabilities } from '../../providers/types';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { allowsModel } from './policy';

/** Offline first: an upscale or a colour transfer on this machine is free and good. */
const LOCAL_FIRST: readonly EditOperation[] = ['upscale', 'style'];

const OPERATION_NAMES: Record<EditOperation, string> = {
  inpaint: 'inpaint',
  outpaint: 'outpaint',
  searchReplace: 'search and replace',
  variation: 'make variations',
  upscale: 'upscale',
  style: 'restyle',
  removeBackground: 'remove backgrounds'
};

/** Outpainting is an inpaint on a larger canvas, so a model that inpaints can outpaint too (the plan derives the mask). */
export function canDo(model: ModelCapabilities, operation: EditOperation): boolean {
  return (
    model.lifecycle.status !== 'shut_down' &&
    (model.operations.includes(operation) || (operation === 'outpaint' && model.operations.includes('inpaint')))
  );
}

/**
 * The model that runs an edit: the one named (refused when it cannot do the operation), else the named
 * provider's default or first model that can, else the instance's default provider, then the others
 * (`local` first for upscale and restyle). Refusals name the models that can.
 */
export function chooseEditModel(
  deps: Pick<Deps, 'providers'>,
  actor: Actor,
  request: { operation: EditOperation; provider?: string; model?: string }
): ResolvedModel {
  const { operation } = request;
  const able = (model: ModelCapabilities) => canDo(model, operation);
  if (request.model !== undefined || request.provider !== undefined) {
    const named = deps.providers.resolve(request.provider, request.model);
    if (able(named.model)) return named;
    const alternative = request.model === undefined ? named.provider.models.find(able) : undefined;
    if (alternative) return deps.providers.resolve(named.provider.id, alternative.id);
    throw cannotDo(deps, operation, `${named.provider.id}/${named.model.id}`);
  }
  const providers = [...deps.providers.list()];
  if (LOCAL_FIRST.includes(operation)) providers.sort((a, b) => Number(b.id === 'local') - Number(a.id === 'local'));
  for (const provider of providers) {
    const preferred = [provider.models.find((model) => model.id === provider.defaultModel), ...provider.models];
    const model = preferred.find(
      (candidate) => candidate && able(candidate) && allowsModel(actor.policy, provider.id, candidate.id)
    );
    if (model) return deps.providers.resolve(provider.id, model.id);
  }
  throw cannotDo(deps, operation);
}

function cannotDo(deps: Pick<Deps, 'providers'>, operation: EditOperation, named?: string): AppError {
  const able = deps.providers
    .list()
    .flatMap((provider) =>
      provider.models.filter((model) => canDo(model, operation)).map((model) => `${provider.id}/${model.id}`)
    );
  const what = OPERATION_NAMES[operation];
  const subject = named ? `${named} cannot ${what}` : `No configured model can ${what}`;
  if (able.length > 0) return new AppError('unsupported', `${subject}; models that can: ${able.join(', ')}.`);
  const hosted = hostedProvidersThatCan((model) => canDo(model, operation));
  const advice = hosted.length
    ? `providers that can, once configured: ${hosted.join(', ')}.`
    : 'no provider Atelier knows can do it yet.';
  return new AppError('unsupported', `${subject} on this instance; ${advice}`);
}
