import { EventEmitter, on } from 'node:events';
import { generateImages, type GenerateOutcome, type OperationProgress } from '../../../services/generation';
import type { Actor } from '../../../services/users';
import type { ApiContext } from '../../context';
import { admitGeneration } from './generate.handler';
import type { TGenerateInput } from './generate.schema';

type Options = { ctx: ApiContext & { user: Actor }; input: TGenerateInput; signal?: AbortSignal };

export type GenerationUpdate =
  { type: 'progress'; event: OperationProgress } | { type: 'result'; outcome: GenerateOutcome };

/**
 * `images.generate` as a stream: each progress event as it happens, then the outcome. Closing the stream
 * (the caller's signal) cancels the generation. A request answered from the cache has no progress: only its result.
 */
export async function* generateWithProgressHandler({
  ctx,
  input,
  signal
}: Options): AsyncGenerator<GenerationUpdate, void> {
  const emitter = new EventEmitter();
  const finished = new AbortController();
  // Subscribed before the work starts, so no event is missed; events already queued are still read after `finished`.
  const events = on(emitter, 'progress', { signal: finished.signal });
  const outcome = generateImages(ctx.deps, ctx.user, input, {
    signal,
    admit: admitGeneration(ctx, input.count),
    onProgress: (event) => emitter.emit('progress', event)
  }).finally(() => finished.abort());
  try {
    for await (const [event] of events) yield { type: 'progress', event: event as OperationProgress };
  } catch (error) {
    if (!finished.signal.aborted) throw error;
  }
  yield { type: 'result', outcome: await outcome };
}
