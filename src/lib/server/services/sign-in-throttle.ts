import type { RateDecision, RateLimiter, RateRule } from '../limits';

/** Wrong passwords allowed per email address in `SIGN_IN_WINDOW_MS`, whatever the client's IP. */
export const SIGN_IN_FAILURES_PER_EMAIL = 10;
/** Wrong passwords allowed from one IP address in `SIGN_IN_WINDOW_MS`, across all emails. */
export const SIGN_IN_FAILURES_PER_IP = 30;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

const PER_EMAIL: RateRule = { limit: SIGN_IN_FAILURES_PER_EMAIL, windowMs: SIGN_IN_WINDOW_MS };
const PER_IP: RateRule = { limit: SIGN_IN_FAILURES_PER_IP, windowMs: SIGN_IN_WINDOW_MS };

type Counted = { key: string; rule: RateRule; decision: RateDecision };

/** The counts one sign-in attempt took, given back by `forgiveSignIn` when it succeeds. */
export type SignInCount = { allowed: true; counted: Counted[] } | { allowed: false; retryAfterMs: number };

type ThrottleDeps = { limiter: RateLimiter };

/**
 * Counts an attempt before the password is checked, so parallel guesses cannot slip past the limit; a
 * right password gives the count back. A refused attempt is not held against the other key.
 */
export async function countSignInAttempt(
  deps: ThrottleDeps,
  attempt: { email: string; ip: string | null }
): Promise<SignInCount> {
  const keys: Array<[string, RateRule]> = [[`sign-in:email:${attempt.email.trim().toLowerCase()}`, PER_EMAIL]];
  if (attempt.ip) keys.push([`sign-in:ip:${attempt.ip}`, PER_IP]);
  const counted: Counted[] = [];
  for (const [key, rule] of keys) {
    const decision = await deps.limiter.consume(key, rule);
    if (!decision.allowed) {
      await forgiveSignIn(deps, { allowed: true, counted });
      return { allowed: false, retryAfterMs: decision.retryAfterMs };
    }
    counted.push({ key, rule, decision });
  }
  return { allowed: true, counted };
}

/** A successful sign-in is not a failure: its counts are given back. */
export async function forgiveSignIn(deps: ThrottleDeps, count: Extract<SignInCount, { allowed: true }>): Promise<void> {
  await Promise.all(count.counted.map(({ key, rule, decision }) => deps.limiter.refund(key, rule, decision)));
}
