import { startDeadline } from '../kit/deadline';
import { openVendorCall, send, type OpenAIConnection } from './transport';

/** OpenAI's current moderation model (shared/providers/openai-images.md, "Moderations"); free of charge. */
export const MODERATION_MODEL = 'omni-moderation-latest';
/** A moderation answer is small and fast; a prompt check must not hold a generation for long. */
export const MODERATION_TIMEOUT_MS = 10_000;

export type ModerationVerdict = {
  flagged: boolean;
  /** The categories OpenAI flagged, e.g. `sexual`, `violence/graphic`. */
  categories: string[];
  /** The model that answered (the `-latest` alias resolves to a dated one). */
  model: string;
};

/** Asks OpenAI's moderation endpoint about one text, through the same transport as image calls (retries, errors). */
export async function moderateText(
  connection: OpenAIConnection,
  text: string,
  signal?: AbortSignal
): Promise<ModerationVerdict> {
  const call = openVendorCall(connection, startDeadline(MODERATION_TIMEOUT_MS, signal));
  const answer = await send(call, (client, callSignal) =>
    client.moderations.create({ model: MODERATION_MODEL, input: text }, { signal: callSignal })
  );
  const results = answer.results;
  return {
    flagged: results.some((result) => result.flagged),
    categories: [
      ...new Set(
        results.flatMap((result) =>
          Object.entries(result.categories)
            .filter(([, flagged]) => flagged === true)
            .map(([category]) => category)
        )
      )
    ],
    model: answer.model
  };
}
