import { ProviderError, providerTimeoutError, type Vendor } from '../errors';

/** Why a deadline's signal aborted: its time (or an enclosing deadline's) ran out, or the caller gave up. */
export type DeadlineCause = { kind: 'timeout'; timeoutMs: number } | { kind: 'aborted'; reason: unknown };

/**
 * The one time limit of a vendor call: the call's own signal combined with its per-operation timeout,
 * remembering which of the two ended it, so a timeout (the vendor may have billed) is never mistaken
 * for a caller who gave up (passed on unchanged), nor the other way round.
 */
export type Deadline = {
  /** Aborts when the caller aborts or the time runs out, whichever comes first. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Set once `signal` aborted. */
  readonly cause: DeadlineCause | undefined;
  /** A shorter limit inside this one (the create request of a long job); its cause is this one's when this one ends first. */
  within(timeoutMs: number): Deadline;
};

function deadline(timeoutMs: number, upstream?: { signal: AbortSignal; cause: () => DeadlineCause }): Deadline {
  const controller = new AbortController();
  let cause: DeadlineCause | undefined;
  const end = (why: DeadlineCause, reason: unknown) => {
    if (cause) return;
    cause = why;
    controller.abort(reason);
  };
  // A plain timer rather than AbortSignal.timeout, whose signal may be collected (and never fire) while
  // only our listener refers to it; unref'd, so an unfinished deadline does not hold the process open.
  setTimeout(
    () => end({ kind: 'timeout', timeoutMs }, new DOMException('The operation timed out.', 'TimeoutError')),
    timeoutMs
  ).unref();
  if (upstream?.signal.aborted) end(upstream.cause(), upstream.signal.reason);
  upstream?.signal.addEventListener('abort', () => end(upstream.cause(), upstream.signal.reason), {
    once: true,
    signal: controller.signal
  });
  return {
    signal: controller.signal,
    timeoutMs,
    get cause() {
      return cause;
    },
    within: (innerMs) =>
      deadline(Math.min(innerMs, timeoutMs), {
        signal: controller.signal,
        cause: () => cause ?? { kind: 'timeout', timeoutMs }
      })
  };
}

/** A call's deadline: `timeoutMs` from now, or sooner when `callerSignal` aborts. */
export function startDeadline(timeoutMs: number, callerSignal?: AbortSignal): Deadline {
  return deadline(
    timeoutMs,
    callerSignal && { signal: callerSignal, cause: () => ({ kind: 'aborted', reason: callerSignal.reason }) }
  );
}

/**
 * What an error thrown under a deadline means. A ProviderError (the vendor answered) stays; then a
 * timeout becomes the "did not answer within" error (possibly billed), and a caller's abort its own
 * reason, unchanged; anything else goes to `otherwise`, the adapter's own mapping.
 */
export function failureUnder(
  deadline: Deadline,
  vendor: Vendor,
  error: unknown,
  otherwise: (error: unknown) => unknown = (unmapped) => unmapped
): unknown {
  if (error instanceof ProviderError) return error;
  const { cause } = deadline;
  if (cause?.kind === 'timeout') return providerTimeoutError(vendor, cause.timeoutMs, error);
  if (cause?.kind === 'aborted') return cause.reason;
  return otherwise(error);
}

/** Runs `work` under the deadline's signal and throws what its failure means (`failureUnder`). */
export async function underDeadline<T>(
  deadline: Deadline,
  vendor: Vendor,
  work: (signal: AbortSignal) => Promise<T>,
  otherwise?: (error: unknown) => unknown
): Promise<T> {
  try {
    return await work(deadline.signal);
  } catch (error) {
    throw failureUnder(deadline, vendor, error, otherwise);
  }
}
