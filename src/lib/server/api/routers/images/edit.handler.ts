import type { Deps } from '../../../services/deps';
import { editImages, uploadImage, type EditOrder } from '../../../services/editing';
import type { Actor } from '../../../services/users';
import type {
  TEditInput,
  TRemoveBackgroundInput,
  TRestyleInput,
  TUpscaleInput,
  TUploadInput,
  TVaryInput
} from './edit.schema';

type Options<Input> = { ctx: { deps: Deps; user: Actor }; input: Input; signal?: AbortSignal };

/** Each edit procedure's input as the order the editing service runs; shared with `images.estimate`. */
export const toEditOrder = {
  edit: ({ editType, ...input }: TEditInput): EditOrder => ({ ...input, operation: editType }),
  vary: (input: TVaryInput): EditOrder => ({ ...input, operation: 'variation' }),
  upscale: (input: TUpscaleInput): EditOrder => ({ ...input, operation: 'upscale', count: 1 }),
  restyle: (input: TRestyleInput): EditOrder => ({ ...input, operation: 'style', count: 1 }),
  removeBackground: (input: TRemoveBackgroundInput): EditOrder => ({
    ...input,
    operation: 'removeBackground',
    count: 1
  })
};

/** A handler running one kind of edit; the caller's signal cancels it like a generation. */
function handlerFor<Input>(toOrder: (input: Input) => EditOrder) {
  return ({ ctx, input, signal }: Options<Input>) => editImages(ctx.deps, ctx.user, toOrder(input), { signal });
}

export const editHandlers = {
  edit: handlerFor(toEditOrder.edit),
  vary: handlerFor(toEditOrder.vary),
  upscale: handlerFor(toEditOrder.upscale),
  restyle: handlerFor(toEditOrder.restyle),
  removeBackground: handlerFor(toEditOrder.removeBackground)
};

export function uploadHandler({ ctx, input, signal }: Options<TUploadInput>) {
  return uploadImage(ctx.deps, ctx.user, input, signal);
}
