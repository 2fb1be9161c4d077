import { ProviderError } from '../errors';

/**
 * Once a vendor accepted a long job, every failure may come after paid work: the error says so and
 * carries the job's id. `message` may reword it (a job the vendor no longer knows).
 */
export function afterAcceptance(error: unknown, jobId: string, message?: (error: ProviderError) => string): unknown {
  if (!(error instanceof ProviderError)) return error;
  return new ProviderError(error.kind, message?.(error) ?? error.message, {
    providerId: error.providerId,
    beforePaidWork: false,
    status: error.status,
    reason: error.reason,
    vendorRequestId: jobId,
    retryAfterMs: error.retryAfterMs,
    costUsd: error.costUsd,
    cause: error
  });
}
