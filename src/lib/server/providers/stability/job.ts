import { sleep } from '../http';
import { jobIdOf } from './answer';
import { afterAcceptance, failureOf, type Deadline } from './errors';
import type { VendorRequest } from './map';
import { exchange, readJson, type StabilityConnection } from './transport';

export type JobLimits = {
  /** For the POST that starts the job. */
  start: Deadline;
  /** For the whole job, polls included. */
  job: Deadline;
};

export type JobOptions = {
  pollIntervalMs: number;
  onJobStarted?: (jobId: string) => Promise<void>;
  onRetry: () => void;
};

type Poll = { done: false } | { done: true; answer: unknown };

/**
 * An async Stability job (creative upscale, shared/providers/stability.md "Upscale"): the POST answers
 * `{id}`, which is handed to `onJobStarted` before waiting; then `GET /v2beta/results/{id}` answers 202 while
 * it runs and 200 with the image when done. Stability offers no way to cancel a job, so a timeout only stops
 * the waiting.
 */
export async function runJob(
  connection: StabilityConnection,
  request: VendorRequest,
  limits: JobLimits,
  options: JobOptions
): Promise<{ jobId: string; answer: unknown }> {
  const jobId = await exchange(
    connection,
    request,
    limits.start,
    async (response) => jobIdOf(await readJson(response, 'the new job')),
    options.onRetry
  );
  try {
    await options.onJobStarted?.(jobId);
    for (;;) {
      await sleep(options.pollIntervalMs, limits.job.signal);
      const poll = await exchange<Poll>(
        connection,
        { path: `/v2beta/results/${encodeURIComponent(jobId)}` },
        limits.job,
        async (response) => {
          if (response.status !== 202) return { done: true, answer: await readJson(response, 'the finished job') };
          await response.body?.cancel();
          return { done: false };
        },
        options.onRetry
      );
      if (poll.done) return { jobId, answer: poll.answer };
    }
  } catch (error) {
    throw afterAcceptance(failureOf(error, limits.job), jobId);
  }
}
