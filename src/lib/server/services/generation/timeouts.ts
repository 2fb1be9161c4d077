/**
 * Provider calls of one operation are aborted after this long. Adapters time out earlier, by their own
 * per-operation settings (at most 9 minutes, see config); this is the backstop.
 */
export const GENERATION_TIMEOUT_MS = 10 * 60_000;

/**
 * A budget reservation outlives the provider calls it pays for (they abort at GENERATION_TIMEOUT_MS),
 * so it cannot expire while money may still be being spent; it only expires when its process died.
 */
export const RESERVATION_TTL_MS = GENERATION_TIMEOUT_MS + 60_000;
