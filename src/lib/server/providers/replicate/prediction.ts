import { z } from 'zod';
import { malformedAnswerError } from '../errors';
import { REPLICATE_LABEL, REPLICATE_PROVIDER_ID } from './models';

/** The fields of a prediction Atelier reads (shared/providers/replicate.md, "Creating predictions"). */
export const ZReplicatePrediction = z.looseObject({
  id: z.string().min(1),
  status: z.enum(['starting', 'processing', 'succeeded', 'failed', 'canceled', 'aborted']),
  input: z.record(z.string(), z.unknown()).optional(),
  /** An array of URLs or a single URL for the image models of our catalog. */
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  metrics: z.looseObject({ predict_time: z.number().nonnegative().optional() }).nullish()
});

export type ReplicatePrediction = z.infer<typeof ZReplicatePrediction>;

export function isFinished(prediction: ReplicatePrediction): boolean {
  return prediction.status !== 'starting' && prediction.status !== 'processing';
}

/** A prediction from the API or a webhook; anything else is an answer we cannot use. */
export function parsePrediction(value: unknown, where: string): ReplicatePrediction {
  const parsed = ZReplicatePrediction.safeParse(value);
  if (!parsed.success) {
    throw malformedAnswerError(REPLICATE_PROVIDER_ID, REPLICATE_LABEL, `${where} is not a prediction`, parsed.error);
  }
  return parsed.data;
}
