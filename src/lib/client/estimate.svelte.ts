import { handleError } from './errors';
import type { GenerateInput, GenerationEstimate } from './trpc';

/** Asks the server what a request would cost; `signal` aborts it once newer settings supersede it. */
export type EstimateQuery = (input: GenerateInput, signal: AbortSignal) => Promise<GenerationEstimate>;

/** Settings change in bursts (stepping through sizes, switching models): ask once they settle. */
export const ESTIMATE_SETTLE_MS = 300;

const UNREACHABLE = 'The price could not be estimated; Generate still checks it.';

/**
 * The cost hint's state: the latest answer of `images.estimate` for the form's settings. Each new set
 * of settings waits `settleMs`, then supersedes the one before, so a slow answer to old settings is
 * never shown over a newer one.
 */
export class CostEstimate {
  estimate: GenerationEstimate | null = $state(null);
  /** Why the server refused to estimate these settings; Generate is not blocked, the server checks again. */
  refusal: string | null = $state(null);
  /** The settings changed since the answer shown: it stays, dimmed, until the new one arrives. */
  pending = $state(false);

  #query: EstimateQuery;
  #settleMs: number;
  #lastKey: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  #requestNumber = 0;

  constructor(query: EstimateQuery, settleMs = ESTIMATE_SETTLE_MS) {
    this.#query = query;
    this.#settleMs = settleMs;
  }

  /** Estimates `input` once it has stayed the same for the settle time; the settings asked last ask nothing. */
  request = (input: GenerateInput) => {
    const key = JSON.stringify(input);
    if (key === this.#lastKey) return;
    this.#lastKey = key;
    this.#cancel();
    this.pending = true;
    const requestNumber = ++this.#requestNumber;
    this.#timer = setTimeout(() => this.#ask(input, requestNumber), this.#settleMs);
  };

  /** Stops the waiting timer and the call in flight, e.g. when the form goes away. */
  dispose = () => {
    this.#cancel();
    this.#requestNumber++;
    this.#lastKey = null;
  };

  async #ask(input: GenerateInput, requestNumber: number) {
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const estimate = await this.#query(input, controller.signal);
      if (requestNumber === this.#requestNumber) this.#show(estimate, null);
    } catch (error) {
      // handleError says null for an aborted call: only a superseded request is aborted.
      const refusal = handleError(error, UNREACHABLE);
      if (requestNumber === this.#requestNumber && refusal !== null) this.#show(null, refusal);
    }
  }

  #show(estimate: GenerationEstimate | null, refusal: string | null) {
    this.estimate = estimate;
    this.refusal = refusal;
    this.pending = false;
  }

  #cancel() {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = undefined;
  }
}
