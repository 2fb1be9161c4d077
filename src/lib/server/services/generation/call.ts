import { recordImageJob } from '../../db/repositories/generated-images';
import type { GeneratedImageRow } from '../../db/schema';
import { isAppError, type AppError } from '../../errors';
import { isProviderError } from '../../providers/errors';
import type { CallWarning, GenerateResult } from '../../providers/types';
import type { Deps } from '../deps';
import { endRows } from './end';
import type { OperationPlan } from './plan';
import type { ImageTally } from './progress';
import { storeImage } from './store';
import { mergeWarnings } from './warnings';

type CallDeps = Pick<Deps, 'db' | 'storage' | 'clock' | 'log' | 'config'>;

/** A call that failed, with the rows it was to make (still unfinished: a fallback may make them). */
export type CallFailure = { error: unknown; rows: { index: number; row: GeneratedImageRow }[] };

/** An image the provider made (and charged for) that the NSFW classifier refused under the `block` policy. */
export type Refusal = { rowId: string; error: AppError };

/** What one round of calls of a plan spent and said, and the images refused after they were made. */
export type Round = {
  costUsd: number;
  warnings: CallWarning[];
  failures: CallFailure[];
  refusals: Refusal[];
  calls: number;
};

/**
 * Runs every call of the plan to its end even when one fails, so the cost of the calls that did answer is
 * known and charged. Each call's images are stored as soon as it answers, so a canceled operation keeps
 * what was already made. A call that becomes a long vendor job writes the job's id on its rows first.
 */
export async function runCalls(
  deps: CallDeps,
  plan: OperationPlan,
  rows: GeneratedImageRow[],
  context: { signal: AbortSignal; started: Date; tally: ImageTally }
): Promise<Round> {
  const outcomes = await Promise.all(
    plan.calls.map(async (call) => {
      const callRows = rows.slice(call.first, call.first + call.count).map((row, offset) => ({
        index: call.first + offset,
        row
      }));
      try {
        context.signal.throwIfAborted();
        const result = await plan.invoke(call, {
          signal: context.signal,
          onJobStarted: (jobId) =>
            recordImageJob(
              deps.db,
              callRows.map(({ row }) => row.id),
              jobId
            )
        });
        const refusals = await storeResult(deps, plan, callRows, result, context);
        return { costUsd: result.costUsd, warnings: result.warnings, failure: undefined, refusals };
      } catch (error) {
        // A failed call can still have been billed (a filtered output); that money is spent too.
        const costUsd = isProviderError(error) ? error.costUsd : 0;
        return { costUsd, warnings: [], failure: { error, rows: callRows }, refusals: [] };
      }
    })
  );
  return {
    costUsd: outcomes.reduce((sum, outcome) => sum + outcome.costUsd, 0),
    warnings: mergeWarnings(...outcomes.map((outcome) => outcome.warnings)),
    failures: outcomes.flatMap((outcome) => (outcome.failure ? [outcome.failure] : [])),
    refusals: outcomes.flatMap((outcome) => outcome.refusals),
    calls: outcomes.length
  };
}

async function storeResult(
  deps: CallDeps,
  plan: OperationPlan,
  callRows: CallFailure['rows'],
  result: GenerateResult,
  context: { started: Date; tally: ImageTally }
): Promise<Refusal[]> {
  const elapsedMs = deps.clock().getTime() - context.started.getTime();
  const costUsd = result.images.length ? result.costUsd / result.images.length : 0;
  const warnings = mergeWarnings(plan.warnings, result.warnings);
  const refusals: Refusal[] = [];
  await Promise.all(
    callRows.map(async ({ index, row }) => {
      const image = result.images[index - callRows[0]!.index];
      if (!image) {
        const message = `${plan.provider.id} returned ${result.images.length} of ${callRows.length} images.`;
        return endOne(deps, context.tally, index, row, message);
      }
      try {
        const stored = await storeImage(deps, row, image, {
          checked: 'output',
          elapsedMs,
          costUsd,
          warnings,
          providerMetadata: result.providerMetadata
        });
        context.tally.end(index, stored);
      } catch (error) {
        if (isAppError(error) && error.kind === 'content_policy') {
          deps.log.info({ imageId: row.id, reason: error.message }, 'the NSFW classifier refused a generated image');
          refusals.push({ rowId: row.id, error });
          return endOne(deps, context.tally, index, row, error.message);
        }
        deps.log.error({ err: error, imageId: row.id }, 'storing a generated image failed');
        const message = isAppError(error) ? error.message : 'The image could not be stored.';
        await endOne(deps, context.tally, index, row, message);
      }
    })
  );
  return refusals;
}

async function endOne(
  deps: CallDeps,
  tally: ImageTally,
  index: number,
  row: GeneratedImageRow,
  message: string
): Promise<void> {
  await endRows(deps, tally, [{ index, row }], { status: 'failed', errorMessage: message });
}
