import { assistantCalls, type AssistantOperation, type AssistantSource } from '../db/schema';
import { isAppError } from '../errors';
import { isProviderError } from '../providers/errors';
import type { TokenUsage } from '../providers/assistant';
import { usdToMicros } from './budgets';
import type { Deps } from './deps';
import { charge, reserve } from './generation/charge';
import type { Actor } from './users';

type AssistantCallDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'config'>;

export type AssistantCallAnswer<Result> = {
  result: Result;
  model: string | null;
  usage: TokenUsage;
  costUsd: number;
};

export type AssistantCall<Result> = {
  operation: AssistantOperation;
  source: AssistantSource;
  /** The most the call can cost; 0 for local work, which reserves nothing. */
  estimateUsd: number;
  /** The library image the call is about, if any. */
  imageId?: string;
  run: () => Promise<AssistantCallAnswer<Result>>;
};

/**
 * One enhancement, analysis or moderation call, paid like an image: the estimate is reserved against the
 * budgets first, what the tokens cost is settled after (a failed call is charged what the vendor billed for
 * it — a refusal's input tokens — and the rest released), and every call — local ones too — is recorded in `assistant_calls` for usage reports and latency percentiles.
 */
export async function runAssistantCall<Result>(
  deps: AssistantCallDeps,
  actor: Actor,
  call: AssistantCall<Result>
): Promise<AssistantCallAnswer<Result>> {
  const reservation = await reserve(deps, actor, usdToMicros(call.estimateUsd));
  const started = deps.clock();
  const record = (fields: Partial<typeof assistantCalls.$inferInsert>) =>
    deps.db.insert(assistantCalls).values({
      userId: actor.id,
      operation: call.operation,
      source: call.source,
      imageId: call.imageId,
      latencyMs: deps.clock().getTime() - started.getTime(),
      status: 'succeeded',
      ...fields
    });
  try {
    const answer = await call.run();
    await charge(deps, actor, reservation, {
      costUsd: answer.costUsd,
      failed: false,
      provider: call.source,
      model: answer.model ?? call.source,
      imageIds: call.imageId ? [call.imageId] : []
    });
    await record({
      model: answer.model,
      inputTokens: answer.usage.inputTokens,
      outputTokens: answer.usage.outputTokens,
      costMicros: usdToMicros(answer.costUsd)
    });
    return answer;
  } catch (error) {
    const billedUsd = isProviderError(error) ? error.costUsd : 0;
    await charge(deps, actor, reservation, {
      costUsd: billedUsd,
      failed: true,
      provider: call.source,
      model: call.source,
      imageIds: []
    });
    const kind = isAppError(error) ? error.kind : 'provider_error';
    await record({
      status: kind === 'content_policy' ? 'refused' : 'failed',
      errorKind: kind,
      costMicros: usdToMicros(billedUsd)
    }).catch((recordError: unknown) => deps.log.warn({ err: recordError }, 'could not record a failed assistant call'));
    throw error;
  }
}
